-- The same tables as sqlite/migrations/007_console_users.sql. Ids and times compare bytewise
-- (COLLATE "C") as in SQLite, so expiry and rate-limit windows compare identically in both.
CREATE TABLE console_users (
  workspace_id   text COLLATE "C" NOT NULL,
  id             text COLLATE "C" NOT NULL,
  -- Stored lowercase, so logins match however the address was typed.
  email          text COLLATE "C" NOT NULL,
  role           text COLLATE "C" NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
  password_hash  text NOT NULL,
  created_at     text COLLATE "C" NOT NULL,
  last_login_at  text COLLATE "C",
  disabled       integer NOT NULL DEFAULT 0,
  PRIMARY KEY (workspace_id, id)
);
CREATE UNIQUE INDEX console_users_email ON console_users (workspace_id, email);
-- Signing in starts from the email alone, before the workspace is known.
CREATE INDEX console_users_login ON console_users (email);

-- The id is the SHA-256 of the cookie's token: a copy of this table lets nobody sign in.
CREATE TABLE console_sessions (
  id            text COLLATE "C" PRIMARY KEY,
  workspace_id  text COLLATE "C" NOT NULL,
  user_id       text COLLATE "C" NOT NULL,
  csrf_token    text COLLATE "C" NOT NULL,
  created_at    text COLLATE "C" NOT NULL,
  expires_at    text COLLATE "C" NOT NULL,
  user_agent    text NOT NULL DEFAULT ''
);
CREATE INDEX console_sessions_user ON console_sessions (workspace_id, user_id);
CREATE INDEX console_sessions_expiry ON console_sessions (expires_at);

-- Failed sign-ins, one row per limit they count against. The scope is a SHA-256 of
-- "email|ip" or "ip", so the table holds no addresses in clear.
CREATE TABLE console_login_failures (
  scope  text COLLATE "C" NOT NULL,
  at     text COLLATE "C" NOT NULL
);
CREATE INDEX console_login_failures_scope ON console_login_failures (scope, at);
CREATE INDEX console_login_failures_at ON console_login_failures (at);
