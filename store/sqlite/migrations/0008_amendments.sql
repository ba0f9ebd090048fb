-- Amendment sheets (修改单): a standard of kind 'amendment' amends the issued
-- standard parent_id; sheet is its wording as readers see it.
ALTER TABLE standards ADD COLUMN kind TEXT NOT NULL DEFAULT 'standard' CHECK (kind IN ('standard', 'amendment'));
ALTER TABLE standards ADD COLUMN parent_id TEXT REFERENCES standards (id);
ALTER TABLE standards ADD COLUMN sheet TEXT NOT NULL DEFAULT '';
CREATE INDEX standards_parent ON standards (parent_id) WHERE parent_id IS NOT NULL;
