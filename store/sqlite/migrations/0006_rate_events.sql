-- What the throttles count (failed logins, public comments), per scope and
-- key, so that every process on the database counts together.
CREATE TABLE rate_events (
    id    INTEGER PRIMARY KEY,
    scope TEXT NOT NULL,
    key   TEXT NOT NULL,
    at    TEXT NOT NULL
);
CREATE INDEX rate_events_key ON rate_events (scope, key, at);
CREATE INDEX rate_events_at ON rate_events (at);
