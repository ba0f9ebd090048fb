-- Accounts an admin disables (a disabled account cannot sign in and keeps
-- its name on everything it did) and the time of each account's last
-- sign-in, shown on the accounts page.

ALTER TABLE users ADD COLUMN disabled_at TEXT;
ALTER TABLE users ADD COLUMN last_login_at TEXT;
CREATE INDEX sessions_user ON sessions (user_id);
