-- The procedure the regulations prescribe: proposals (立项) with their plan
-- numbers, the consultation window (征求意见) and the organisations consulted,
-- accounts' organisations (conflict of interest), the review mode,
-- conclusion and minutes of a round, and the stage of revisions and public
-- comments.

ALTER TABLE users ADD COLUMN organization TEXT NOT NULL DEFAULT '';

CREATE TABLE proposals (
    id           INTEGER PRIMARY KEY,
    title        TEXT NOT NULL,
    level        TEXT NOT NULL CHECK (level IN ('national', 'industry', 'local', 'group')),
    region       TEXT NOT NULL DEFAULT '',
    kind         TEXT NOT NULL CHECK (kind IN ('new', 'revision')),
    replaces     TEXT NOT NULL DEFAULT '',
    proposer_org TEXT NOT NULL,
    drafting_org TEXT NOT NULL,
    rationale    TEXT NOT NULL,
    scope        TEXT NOT NULL,
    due          TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    proposer_id  INTEGER NOT NULL REFERENCES users (id),
    created_at   TEXT NOT NULL,
    decided_at   TEXT,
    decided_by   TEXT NOT NULL DEFAULT '',
    reason       TEXT NOT NULL DEFAULT '',
    plan_number  TEXT NOT NULL DEFAULT '',
    standard_id  TEXT REFERENCES standards (id)
);
CREATE INDEX proposals_status ON proposals (status, id);
CREATE INDEX proposals_proposer ON proposals (proposer_id, id);
-- A plan number (2027-015) carries its year, so unique overall is unique in its year.
CREATE UNIQUE INDEX proposals_plan_number ON proposals (plan_number) WHERE plan_number <> '';

ALTER TABLE standards ADD COLUMN plan_number TEXT NOT NULL DEFAULT '';
ALTER TABLE standards ADD COLUMN due TEXT NOT NULL DEFAULT '';
ALTER TABLE standards ADD COLUMN proposal_id INTEGER REFERENCES proposals (id);
ALTER TABLE standards ADD COLUMN consult_start TEXT;
ALTER TABLE standards ADD COLUMN consult_end TEXT;

CREATE TABLE consultees (
    id           INTEGER PRIMARY KEY,
    standard_id  TEXT NOT NULL REFERENCES standards (id) ON DELETE CASCADE,
    organization TEXT NOT NULL,
    contact      TEXT NOT NULL DEFAULT '',
    reply        TEXT NOT NULL DEFAULT 'none' CHECK (reply IN ('none', 'comments', 'no_comments')),
    sent_at      TEXT NOT NULL,
    replied_at   TEXT
);
CREATE INDEX consultees_standard ON consultees (standard_id, id);

ALTER TABLE review_rounds ADD COLUMN mode TEXT NOT NULL DEFAULT '';
ALTER TABLE review_rounds ADD COLUMN conclusion TEXT NOT NULL DEFAULT '';
ALTER TABLE review_rounds ADD COLUMN minutes TEXT NOT NULL DEFAULT '';

ALTER TABLE revisions ADD COLUMN stage TEXT NOT NULL DEFAULT '';
ALTER TABLE comments ADD COLUMN stage TEXT NOT NULL DEFAULT '';
