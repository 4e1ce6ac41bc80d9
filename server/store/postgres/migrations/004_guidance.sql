-- The same tables and columns as sqlite/migrations/005_guidance.sql.

CREATE TABLE campaign_versions (
  workspace_id  text COLLATE "C" NOT NULL,
  campaign_id   text COLLATE "C" NOT NULL,
  version       integer NOT NULL,
  status        text COLLATE "C" NOT NULL,
  definition    text NOT NULL,
  change        text COLLATE "C" NOT NULL,
  author        text NOT NULL,
  at            text COLLATE "C" NOT NULL,
  PRIMARY KEY (workspace_id, campaign_id, version)
);
INSERT INTO campaign_versions (workspace_id, campaign_id, version, status, definition, change, author, at)
  SELECT workspace_id, id, version, status, definition, 'created', 'api', updated_at FROM campaigns;

ALTER TABLE message_states
  ADD COLUMN account_id text COLLATE "C",
  ADD COLUMN first_shown_at text COLLATE "C",
  ADD COLUMN reserved_shows integer NOT NULL DEFAULT 0,
  ADD COLUMN last_reserved_at text COLLATE "C",
  ADD COLUMN snoozed_until text COLLATE "C",
  ADD COLUMN tour_step integer,
  ADD COLUMN tour_step_at text COLLATE "C",
  ADD COLUMN tour_done_at text COLLATE "C",
  ADD COLUMN items_done text[] COLLATE "C" NOT NULL DEFAULT '{}',
  ADD COLUMN held_out_at text COLLATE "C",
  ADD COLUMN held_out_reason text COLLATE "C";
UPDATE message_states SET first_shown_at = last_shown_at WHERE shows > 0;
CREATE INDEX message_states_campaign ON message_states (workspace_id, campaign_id);

CREATE TABLE visitor_throttles (
  workspace_id  text COLLATE "C" NOT NULL,
  visitor_id    text COLLATE "C" NOT NULL,
  campaign_id   text COLLATE "C",
  shown_at      text COLLATE "C",
  PRIMARY KEY (workspace_id, visitor_id)
);

CREATE TABLE account_caps (
  workspace_id     text COLLATE "C" NOT NULL,
  account_id       text COLLATE "C" NOT NULL,
  campaign_id      text COLLATE "C" NOT NULL,
  users            integer NOT NULL DEFAULT 0,
  last_shown_at    text COLLATE "C",
  last_visitor_id  text COLLATE "C",
  PRIMARY KEY (workspace_id, account_id, campaign_id)
);
CREATE TABLE account_cap_users (
  workspace_id  text COLLATE "C" NOT NULL,
  account_id    text COLLATE "C" NOT NULL,
  visitor_id    text COLLATE "C" NOT NULL,
  campaign_id   text COLLATE "C" NOT NULL,
  PRIMARY KEY (workspace_id, account_id, visitor_id, campaign_id)
);

CREATE TABLE survey_answers (
  workspace_id  text COLLATE "C" NOT NULL,
  campaign_id   text COLLATE "C" NOT NULL,
  visitor_id    text COLLATE "C" NOT NULL,
  account_id    text COLLATE "C",
  score         integer,
  choice        text COLLATE "C",
  comment       text,
  answered_at   text COLLATE "C" NOT NULL,
  PRIMARY KEY (workspace_id, campaign_id, visitor_id)
);
