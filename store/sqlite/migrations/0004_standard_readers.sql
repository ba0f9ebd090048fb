-- The reader keys of each standard (workflow.Readers): who may read it
-- besides staff. Rewritten in the transaction of every change that tells the
-- index, so lists filter by the same keys as searches; filled for existing
-- standards by the migration's Go step (readers.go).
CREATE TABLE standard_readers (
    standard_id TEXT NOT NULL REFERENCES standards (id) ON DELETE CASCADE,
    reader      TEXT NOT NULL,
    -- from_at and until_at (until excluded) bound when the key reads, as
    -- the public's key to a draft out for consultation; NULL is always.
    from_at     TEXT,
    until_at    TEXT,
    PRIMARY KEY (standard_id, reader)
);
CREATE INDEX standard_readers_reader ON standard_readers (reader, standard_id);

-- A history note the domain wrote is a message key with arguments (JSON),
-- translated when shown; note keeps its English.
ALTER TABLE history ADD COLUMN note_key TEXT NOT NULL DEFAULT '';
ALTER TABLE history ADD COLUMN note_args TEXT NOT NULL DEFAULT '';
