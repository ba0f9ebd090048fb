-- Accounts, sessions, standards, their revisions, review assignments,
-- rounds and verdicts, the append-only history and the outbox that feeds the search index.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'staff', 'drafter', 'expert')),
    password_hash BLOB NOT NULL,
    created_at    TEXT NOT NULL
);

CREATE TABLE sessions (
    token_hash BLOB PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE standards (
    id           TEXT PRIMARY KEY,
    number       TEXT NOT NULL DEFAULT '',
    number_base  TEXT NOT NULL DEFAULT '',
    title        TEXT NOT NULL,
    title_en     TEXT NOT NULL DEFAULT '',
    level        TEXT NOT NULL CHECK (level IN ('national', 'industry', 'local', 'group')),
    region       TEXT NOT NULL DEFAULT '',
    category     TEXT NOT NULL DEFAULT '',
    ics          TEXT NOT NULL DEFAULT '',
    ccs          TEXT NOT NULL DEFAULT '',
    drafting_org TEXT NOT NULL DEFAULT '',
    replaces     TEXT NOT NULL DEFAULT '[]',
    state        TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT '',
    owner_id     INTEGER REFERENCES users (id),
    latest       INTEGER NOT NULL,
    issue_date   TEXT NOT NULL DEFAULT '',
    impl_date    TEXT NOT NULL DEFAULT '',
    notice_start TEXT,
    notice_end   TEXT,
    source       TEXT NOT NULL DEFAULT '',
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX standards_state ON standards (state, updated_at);
CREATE INDEX standards_owner ON standards (owner_id);
-- A number names one standard; undated references look up number_base.
CREATE UNIQUE INDEX standards_number ON standards (number) WHERE number <> '';
CREATE INDEX standards_number_base ON standards (number_base) WHERE number_base <> '';

CREATE TABLE revisions (
    standard_id TEXT NOT NULL REFERENCES standards (id) ON DELETE CASCADE,
    number      INTEGER NOT NULL,
    body        TEXT NOT NULL,
    author_id   INTEGER REFERENCES users (id),
    author      TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    message     TEXT NOT NULL DEFAULT '',
    hash        TEXT NOT NULL,
    size        INTEGER NOT NULL,
    PRIMARY KEY (standard_id, number)
);

CREATE TABLE experts (
    standard_id TEXT NOT NULL REFERENCES standards (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users (id),
    assigned_at TEXT NOT NULL,
    PRIMARY KEY (standard_id, user_id)
);
CREATE INDEX experts_user ON experts (user_id);

CREATE TABLE review_rounds (
    standard_id TEXT NOT NULL REFERENCES standards (id) ON DELETE CASCADE,
    number      INTEGER NOT NULL,
    revision    INTEGER NOT NULL,
    opened_at   TEXT NOT NULL,
    closed_at   TEXT,
    outcome     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (standard_id, number)
);

CREATE TABLE verdicts (
    standard_id TEXT NOT NULL,
    round       INTEGER NOT NULL,
    expert_id   INTEGER NOT NULL REFERENCES users (id),
    verdict     TEXT NOT NULL CHECK (verdict IN ('approve', 'approve_with_changes', 'reject')),
    note        TEXT NOT NULL DEFAULT '',
    at          TEXT NOT NULL,
    PRIMARY KEY (standard_id, round, expert_id),
    FOREIGN KEY (standard_id, round) REFERENCES review_rounds (standard_id, number) ON DELETE CASCADE
);

CREATE TABLE history (
    id          INTEGER PRIMARY KEY,
    standard_id TEXT NOT NULL REFERENCES standards (id) ON DELETE CASCADE,
    action      TEXT NOT NULL,
    from_state  TEXT NOT NULL DEFAULT '',
    to_state    TEXT NOT NULL DEFAULT '',
    actor_id    INTEGER REFERENCES users (id),
    actor       TEXT NOT NULL DEFAULT '',
    at          TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX history_standard ON history (standard_id, id);

-- The history is append-only.
CREATE TRIGGER history_no_update BEFORE UPDATE ON history
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;

-- Derived data: the MinHash sketch of each standard's latest text, for the
-- duplicate check; written by the index worker.
CREATE TABLE fingerprints (
    standard_id TEXT PRIMARY KEY REFERENCES standards (id) ON DELETE CASCADE,
    hash        TEXT NOT NULL,
    title       TEXT NOT NULL DEFAULT '',
    shingles    INTEGER NOT NULL DEFAULT 0,
    sketch      BLOB NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX fingerprints_updated ON fingerprints (updated_at);

CREATE TABLE outbox (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    standard_id TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
