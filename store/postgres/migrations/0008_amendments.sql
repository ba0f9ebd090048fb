-- Amendment sheets (修改单): a standard of kind 'amendment' amends the issued
-- standard parent_id; sheet is its wording as readers see it.
ALTER TABLE standards ADD COLUMN kind TEXT NOT NULL DEFAULT 'standard' CHECK (kind IN ('standard', 'amendment'));
ALTER TABLE standards ADD COLUMN parent_id TEXT REFERENCES standards (id);
ALTER TABLE standards ADD COLUMN sheet TEXT NOT NULL DEFAULT '';
CREATE INDEX standards_parent ON standards (parent_id) WHERE parent_id IS NOT NULL;

-- History notes written by the domain carry their message key and arguments
-- (as on SQLite since 0004), so that pages show them in the reader's language.
ALTER TABLE history ADD COLUMN IF NOT EXISTS note_key TEXT NOT NULL DEFAULT '';
ALTER TABLE history ADD COLUMN IF NOT EXISTS note_args TEXT NOT NULL DEFAULT '';
