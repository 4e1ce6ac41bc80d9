-- Guidance: campaign history, message state for every kind of message, caps reserved by
-- decide, holdouts and survey answers.

-- Every saved version of every campaign: who saved it, when, and what it was.
CREATE TABLE campaign_versions (
  workspace_id  TEXT NOT NULL,
  campaign_id   TEXT NOT NULL,
  version       INTEGER NOT NULL,
  status        TEXT NOT NULL,
  definition    TEXT NOT NULL,
  change        TEXT NOT NULL,
  author        TEXT NOT NULL,
  at            TEXT NOT NULL,
  PRIMARY KEY (workspace_id, campaign_id, version)
) WITHOUT ROWID;
INSERT INTO campaign_versions (workspace_id, campaign_id, version, status, definition, change, author, at)
  SELECT workspace_id, id, version, status, definition, 'created', 'api', updated_at FROM campaigns;

-- The account the visitor was in when shown (results per account).
ALTER TABLE message_states ADD COLUMN account_id TEXT;
ALTER TABLE message_states ADD COLUMN first_shown_at TEXT;
-- Shows handed out by decide under a cap, counted before the SDK renders them.
ALTER TABLE message_states ADD COLUMN reserved_shows INTEGER NOT NULL DEFAULT 0;
ALTER TABLE message_states ADD COLUMN last_reserved_at TEXT;
ALTER TABLE message_states ADD COLUMN snoozed_until TEXT;
ALTER TABLE message_states ADD COLUMN tour_step INTEGER;
ALTER TABLE message_states ADD COLUMN tour_step_at TEXT;
ALTER TABLE message_states ADD COLUMN tour_done_at TEXT;
-- JSON array of checklist item ids completed by a button action.
ALTER TABLE message_states ADD COLUMN items_done TEXT NOT NULL DEFAULT '[]';
ALTER TABLE message_states ADD COLUMN held_out_at TEXT;
ALTER TABLE message_states ADD COLUMN held_out_reason TEXT;
-- The earliest show known before this column existed.
UPDATE message_states SET first_shown_at = last_shown_at WHERE shows > 0;
CREATE INDEX message_states_campaign ON message_states (workspace_id, campaign_id);

-- The last interrupting message handed to each visitor, for the workspace throttle.
CREATE TABLE visitor_throttles (
  workspace_id  TEXT NOT NULL,
  visitor_id    TEXT NOT NULL,
  campaign_id   TEXT,
  shown_at      TEXT,
  PRIMARY KEY (workspace_id, visitor_id)
) WITHOUT ROWID;

-- Account caps: how many users of each account were handed a campaign, and the last show.
CREATE TABLE account_caps (
  workspace_id     TEXT NOT NULL,
  account_id       TEXT NOT NULL,
  campaign_id      TEXT NOT NULL,
  users            INTEGER NOT NULL DEFAULT 0,
  last_shown_at    TEXT,
  last_visitor_id  TEXT,
  PRIMARY KEY (workspace_id, account_id, campaign_id)
) WITHOUT ROWID;
CREATE TABLE account_cap_users (
  workspace_id  TEXT NOT NULL,
  account_id    TEXT NOT NULL,
  visitor_id    TEXT NOT NULL,
  campaign_id   TEXT NOT NULL,
  PRIMARY KEY (workspace_id, account_id, visitor_id, campaign_id)
) WITHOUT ROWID;

-- One answer per visitor and survey; the first one stays.
CREATE TABLE survey_answers (
  workspace_id  TEXT NOT NULL,
  campaign_id   TEXT NOT NULL,
  visitor_id    TEXT NOT NULL,
  account_id    TEXT,
  score         INTEGER,
  choice        TEXT,
  comment       TEXT,
  answered_at   TEXT NOT NULL,
  PRIMARY KEY (workspace_id, campaign_id, visitor_id)
) WITHOUT ROWID;
