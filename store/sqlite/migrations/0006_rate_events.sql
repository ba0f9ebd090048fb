-- What the throttles count (failed logins, public comments), per key
-- (prefixed with the throttle's name), so that every process on the database counts together.
CREATE TABLE rate_events (
    id    INTEGER PRIMARY KEY,
    key   TEXT NOT NULL,
    at    TEXT NOT NULL
);
CREATE INDEX rate_events_key ON rate_events (key, at);
CREATE INDEX rate_events_at ON rate_events (at);
