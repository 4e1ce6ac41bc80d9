-- The same tables and columns as sqlite/migrations 001 + 002. Times stay ISO-8601 text and every
-- text column compares bytewise (COLLATE "C"), as SQLite does, so both stores order ids and times
-- and take min/max of them identically whatever the database's locale.
CREATE TABLE workspaces (
  id          text COLLATE "C" PRIMARY KEY,
  name        text COLLATE "C" NOT NULL UNIQUE,
  write_key   text COLLATE "C" NOT NULL UNIQUE,
  secret_key  text COLLATE "C" NOT NULL UNIQUE,
  created_at  text COLLATE "C" NOT NULL,
  -- Read and written whole, so kept as the exact JSON text the application wrote.
  settings    text NOT NULL DEFAULT '{}'
);

-- One row per event; (workspace, message_id) is the idempotency key for retries.
CREATE TABLE events (
  seq           bigserial PRIMARY KEY,
  workspace_id  text COLLATE "C" NOT NULL,
  message_id    text COLLATE "C" NOT NULL,
  type          text COLLATE "C" NOT NULL,
  user_id       text COLLATE "C",
  anonymous_id  text COLLATE "C",
  account_id    text COLLATE "C",
  name          text COLLATE "C",
  properties    jsonb NOT NULL,
  traits        jsonb NOT NULL,
  context       jsonb NOT NULL,
  timestamp     text COLLATE "C" NOT NULL,
  received_at   text COLLATE "C" NOT NULL,
  -- Feature keys the event counted toward, so linking an anonymous visitor to a user and
  -- rebuilding counters never need the feature definitions of the time.
  features      text[] NOT NULL DEFAULT '{}',
  -- Whether identity verification passed; NULL when it did not apply.
  verified      boolean
);
CREATE UNIQUE INDEX events_message ON events (workspace_id, message_id);
CREATE INDEX events_recent ON events (workspace_id, seq);
CREATE INDEX events_anonymous ON events (workspace_id, anonymous_id) WHERE user_id IS NULL;

CREATE TABLE users (
  workspace_id  text COLLATE "C" NOT NULL,
  user_id       text COLLATE "C" NOT NULL,
  traits        jsonb NOT NULL DEFAULT '{}',
  first_seen    text COLLATE "C" NOT NULL,
  last_seen     text COLLATE "C" NOT NULL,
  PRIMARY KEY (workspace_id, user_id)
);

CREATE TABLE accounts (
  workspace_id  text COLLATE "C" NOT NULL,
  account_id    text COLLATE "C" NOT NULL,
  traits        jsonb NOT NULL DEFAULT '{}',
  first_seen    text COLLATE "C" NOT NULL,
  last_seen     text COLLATE "C" NOT NULL,
  PRIMARY KEY (workspace_id, account_id)
);

CREATE TABLE account_users (
  workspace_id  text COLLATE "C" NOT NULL,
  account_id    text COLLATE "C" NOT NULL,
  user_id       text COLLATE "C" NOT NULL,
  last_seen     text COLLATE "C" NOT NULL,
  PRIMARY KEY (workspace_id, account_id, user_id)
);
CREATE INDEX account_users_user ON account_users (workspace_id, user_id);

-- Counters kept in the same transaction as the events, so analytics never drift from them.
CREATE TABLE feature_usage (
  workspace_id  text COLLATE "C" NOT NULL,
  subject_kind  text COLLATE "C" NOT NULL CHECK (subject_kind IN ('user', 'account')),
  subject_id    text COLLATE "C" NOT NULL,
  feature_key   text COLLATE "C" NOT NULL,
  count         bigint NOT NULL,
  first_seen    text COLLATE "C" NOT NULL,
  last_seen     text COLLATE "C" NOT NULL,
  active_days   integer NOT NULL,
  PRIMARY KEY (workspace_id, subject_kind, subject_id, feature_key)
);

CREATE TABLE feature_days (
  workspace_id  text COLLATE "C" NOT NULL,
  subject_kind  text COLLATE "C" NOT NULL,
  subject_id    text COLLATE "C" NOT NULL,
  feature_key   text COLLATE "C" NOT NULL,
  day           text COLLATE "C" NOT NULL,
  PRIMARY KEY (workspace_id, subject_kind, subject_id, feature_key, day)
);

-- Definitions are versioned documents read and written whole: kept as the JSON text written.
CREATE TABLE features (
  workspace_id  text COLLATE "C" NOT NULL,
  key           text COLLATE "C" NOT NULL,
  version       integer NOT NULL,
  definition    text NOT NULL,
  updated_at    text COLLATE "C" NOT NULL,
  PRIMARY KEY (workspace_id, key)
);

CREATE TABLE campaigns (
  workspace_id  text COLLATE "C" NOT NULL,
  id            text COLLATE "C" NOT NULL,
  version       integer NOT NULL,
  status        text COLLATE "C" NOT NULL,
  definition    text NOT NULL,
  created_at    text COLLATE "C" NOT NULL,
  updated_at    text COLLATE "C" NOT NULL,
  PRIMARY KEY (workspace_id, id)
);

CREATE TABLE message_states (
  workspace_id  text COLLATE "C" NOT NULL,
  campaign_id   text COLLATE "C" NOT NULL,
  visitor_id    text COLLATE "C" NOT NULL,
  shows         integer NOT NULL DEFAULT 0,
  last_shown_at text COLLATE "C",
  dismissed_at  text COLLATE "C",
  clicked_at    text COLLATE "C",
  completed_at  text COLLATE "C",
  PRIMARY KEY (workspace_id, visitor_id, campaign_id)
);
