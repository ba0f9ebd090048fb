-- After issue: the filing (备案) of a standard with the level above, the
-- periodic reviews (复审) with the feedback counts each was decided on, and
-- implementation feedback (实施信息反馈) from anyone.

CREATE TABLE filings (
    standard_id TEXT PRIMARY KEY REFERENCES standards (id) ON DELETE CASCADE,
    number      TEXT NOT NULL,
    filed_on    TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    recorded_by TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL
);

CREATE TABLE periodic_reviews (
    id          INTEGER PRIMARY KEY,
    standard_id TEXT NOT NULL REFERENCES standards (id) ON DELETE CASCADE,
    conclusion  TEXT NOT NULL CHECK (conclusion IN ('continue', 'revise', 'abolish')),
    reason      TEXT NOT NULL DEFAULT '',
    due         TEXT NOT NULL DEFAULT '',
    next_due    TEXT NOT NULL DEFAULT '',
    decided_by  TEXT NOT NULL DEFAULT '',
    decided_at  TEXT NOT NULL,
    feedback    TEXT NOT NULL DEFAULT '{}',
    project_id  TEXT REFERENCES standards (id)
);
CREATE INDEX periodic_reviews_standard ON periodic_reviews (standard_id, id);
CREATE INDEX periodic_reviews_project ON periodic_reviews (project_id) WHERE project_id IS NOT NULL;

CREATE TABLE feedback (
    id           INTEGER PRIMARY KEY,
    standard_id  TEXT NOT NULL REFERENCES standards (id) ON DELETE CASCADE,
    clause       TEXT NOT NULL DEFAULT '',
    kind         TEXT NOT NULL CHECK (kind IN ('problem', 'suggestion', 'question')),
    body         TEXT NOT NULL,
    name         TEXT NOT NULL DEFAULT '',
    organization TEXT NOT NULL DEFAULT '',
    contact      TEXT NOT NULL DEFAULT '',
    client       TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    answer       TEXT NOT NULL DEFAULT '',
    answered_by  TEXT NOT NULL DEFAULT '',
    answered_at  TEXT
);
CREATE INDEX feedback_standard ON feedback (standard_id, id);
CREATE INDEX feedback_open ON feedback (id) WHERE answered_at IS NULL;

-- The standard system (标准体系): one document, the tree of modules as JSON,
-- and where each standard (library entries included) and proposal sits.
CREATE TABLE standard_system (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    tree       TEXT NOT NULL,
    updated_by TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
);

CREATE TABLE system_placements (
    kind TEXT NOT NULL CHECK (kind IN ('standard', 'proposal')),
    ref  TEXT NOT NULL,
    node TEXT NOT NULL,
    PRIMARY KEY (kind, ref)
);
CREATE INDEX system_placements_node ON system_placements (node);
