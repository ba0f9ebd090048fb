-- The reader keys of each standard (workflow.Readers): who may read it
-- besides staff, each key valid from from_at until until_at (excluded) when
-- they are set, as the public's key to a draft out for consultation.
-- Rewritten in the transaction of every change that tells the index; filled
-- for existing standards after the migrations (readers.go).
CREATE TABLE standard_readers (
    standard_id TEXT NOT NULL REFERENCES standards (id) ON DELETE CASCADE,
    reader      TEXT NOT NULL,
    from_at     TEXT,
    until_at    TEXT,
    PRIMARY KEY (standard_id, reader)
);
CREATE INDEX standard_readers_reader ON standard_readers (reader, standard_id);
