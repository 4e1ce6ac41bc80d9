-- Console users and their sessions. A person may have a login in several workspaces: the email
-- is unique per workspace only. Passwords are scrypt hashes (scrypt$N$r$p$salt$hash).
CREATE TABLE console_users (
  workspace_id   TEXT NOT NULL,
  id             TEXT NOT NULL,
  -- Stored lowercase, so logins match however the address was typed.
  email          TEXT NOT NULL,
  role           TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
  password_hash  TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  last_login_at  TEXT,
  disabled       INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (workspace_id, id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX console_users_email ON console_users (workspace_id, email);
-- Signing in starts from the email alone, before the workspace is known.
CREATE INDEX console_users_login ON console_users (email);

-- The id is the SHA-256 of the cookie's token: a copy of this table lets nobody sign in.
CREATE TABLE console_sessions (
  id            TEXT PRIMARY KEY,
  workspace_id  TEXT NOT NULL,
  user_id       TEXT NOT NULL,
  csrf_token    TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  expires_at    TEXT NOT NULL,
  user_agent    TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX console_sessions_user ON console_sessions (workspace_id, user_id);
CREATE INDEX console_sessions_expiry ON console_sessions (expires_at);

-- Failed sign-ins, one row per limit they count against. The scope is a SHA-256 of
-- "email|ip" or "ip", so the table holds no addresses in clear.
CREATE TABLE console_login_failures (
  scope  TEXT NOT NULL,
  at     TEXT NOT NULL
);
CREATE INDEX console_login_failures_scope ON console_login_failures (scope, at);
CREATE INDEX console_login_failures_at ON console_login_failures (at);
