-- Review and public comments with their anchors, threads and dispositions.

CREATE TABLE comments (
    id                   INTEGER PRIMARY KEY,
    standard_id          TEXT NOT NULL REFERENCES standards (id) ON DELETE CASCADE,
    kind                 TEXT NOT NULL CHECK (kind IN ('expert', 'staff', 'public')),
    revision             INTEGER NOT NULL,
    clause               TEXT NOT NULL DEFAULT '',
    quote_exact          TEXT,
    quote_prefix         TEXT NOT NULL DEFAULT '',
    quote_suffix         TEXT NOT NULL DEFAULT '',
    pos_start            INTEGER,
    pos_end              INTEGER,
    body                 TEXT NOT NULL,
    suggestion           TEXT NOT NULL DEFAULT '',
    author_id            INTEGER REFERENCES users (id),
    author               TEXT NOT NULL,
    organization         TEXT NOT NULL DEFAULT '',
    contact              TEXT NOT NULL DEFAULT '',
    client               TEXT NOT NULL DEFAULT '',
    created_at           TEXT NOT NULL,
    decision             TEXT NOT NULL DEFAULT ''
                         CHECK (decision IN ('', 'accepted', 'partially_accepted', 'not_accepted')),
    reason               TEXT NOT NULL DEFAULT '',
    disposition_revision INTEGER NOT NULL DEFAULT 0,
    disposed_by_id       INTEGER REFERENCES users (id),
    disposed_by          TEXT NOT NULL DEFAULT '',
    disposed_at          TEXT,
    -- Where an applied suggestion stands in the revision that applied it.
    applied_revision     INTEGER NOT NULL DEFAULT 0,
    applied_start        INTEGER,
    applied_end          INTEGER,
    FOREIGN KEY (standard_id, revision) REFERENCES revisions (standard_id, number)
);
CREATE INDEX comments_standard ON comments (standard_id, id);

CREATE TABLE comment_replies (
    id         INTEGER PRIMARY KEY,
    comment_id INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    body       TEXT NOT NULL,
    author_id  INTEGER REFERENCES users (id),
    author     TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX comment_replies_comment ON comment_replies (comment_id, id);
