-- Derived data: the plain text of each standard's latest revision, which
-- search snippets quote; written by the index worker with the fingerprint.
CREATE TABLE search_texts (
    standard_id TEXT COLLATE "C" PRIMARY KEY REFERENCES standards (id) ON DELETE CASCADE,
    hash        TEXT NOT NULL,
    text        TEXT NOT NULL
);
