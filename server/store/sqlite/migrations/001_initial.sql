CREATE TABLE workspaces (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  write_key   TEXT NOT NULL UNIQUE,
  secret_key  TEXT NOT NULL UNIQUE,
  created_at  TEXT NOT NULL
);

-- One row per event; (workspace, message_id) is the idempotency key for retries.
CREATE TABLE events (
  seq           INTEGER PRIMARY KEY,
  workspace_id  TEXT NOT NULL,
  message_id    TEXT NOT NULL,
  type          TEXT NOT NULL,
  user_id       TEXT,
  anonymous_id  TEXT,
  account_id    TEXT,
  name          TEXT,
  properties    TEXT NOT NULL,
  traits        TEXT NOT NULL,
  context       TEXT NOT NULL,
  timestamp     TEXT NOT NULL,
  received_at   TEXT NOT NULL
);
CREATE UNIQUE INDEX events_message ON events (workspace_id, message_id);

CREATE TABLE users (
  workspace_id  TEXT NOT NULL,
  user_id       TEXT NOT NULL,
  traits        TEXT NOT NULL DEFAULT '{}',
  first_seen    TEXT NOT NULL,
  last_seen     TEXT NOT NULL,
  PRIMARY KEY (workspace_id, user_id)
) WITHOUT ROWID;

CREATE TABLE accounts (
  workspace_id  TEXT NOT NULL,
  account_id    TEXT NOT NULL,
  traits        TEXT NOT NULL DEFAULT '{}',
  first_seen    TEXT NOT NULL,
  last_seen     TEXT NOT NULL,
  PRIMARY KEY (workspace_id, account_id)
) WITHOUT ROWID;

CREATE TABLE account_users (
  workspace_id  TEXT NOT NULL,
  account_id    TEXT NOT NULL,
  user_id       TEXT NOT NULL,
  last_seen     TEXT NOT NULL,
  PRIMARY KEY (workspace_id, account_id, user_id)
) WITHOUT ROWID;
CREATE INDEX account_users_user ON account_users (workspace_id, user_id);

-- Counters kept in the same transaction as the events, so analytics never drift from them.
CREATE TABLE feature_usage (
  workspace_id  TEXT NOT NULL,
  subject_kind  TEXT NOT NULL CHECK (subject_kind IN ('user', 'account')),
  subject_id    TEXT NOT NULL,
  feature_key   TEXT NOT NULL,
  count         INTEGER NOT NULL,
  first_seen    TEXT NOT NULL,
  last_seen     TEXT NOT NULL,
  active_days   INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, subject_kind, subject_id, feature_key)
) WITHOUT ROWID;

CREATE TABLE feature_days (
  workspace_id  TEXT NOT NULL,
  subject_kind  TEXT NOT NULL,
  subject_id    TEXT NOT NULL,
  feature_key   TEXT NOT NULL,
  day           TEXT NOT NULL,
  PRIMARY KEY (workspace_id, subject_kind, subject_id, feature_key, day)
) WITHOUT ROWID;

CREATE TABLE features (
  workspace_id  TEXT NOT NULL,
  key           TEXT NOT NULL,
  version       INTEGER NOT NULL,
  definition    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  PRIMARY KEY (workspace_id, key)
) WITHOUT ROWID;

CREATE TABLE campaigns (
  workspace_id  TEXT NOT NULL,
  id            TEXT NOT NULL,
  version       INTEGER NOT NULL,
  status        TEXT NOT NULL,
  definition    TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  PRIMARY KEY (workspace_id, id)
) WITHOUT ROWID;

CREATE TABLE message_states (
  workspace_id  TEXT NOT NULL,
  campaign_id   TEXT NOT NULL,
  visitor_id    TEXT NOT NULL,
  shows         INTEGER NOT NULL DEFAULT 0,
  last_shown_at TEXT,
  dismissed_at  TEXT,
  clicked_at    TEXT,
  completed_at  TEXT,
  PRIMARY KEY (workspace_id, visitor_id, campaign_id)
) WITHOUT ROWID;
