-- Analytics. Definitions of every kind are versioned rows: the latest version is current, and
-- older ones stay so a change can be compared and audited (who, when).
CREATE TABLE definitions (
  workspace_id  TEXT NOT NULL,
  kind          TEXT NOT NULL,
  key           TEXT NOT NULL,
  version       INTEGER NOT NULL,
  body          TEXT NOT NULL,
  author        TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  PRIMARY KEY (workspace_id, kind, key, version)
) WITHOUT ROWID;
INSERT INTO definitions (workspace_id, kind, key, version, body, author, created_at)
  SELECT workspace_id, 'feature', key, version, definition, 'api', updated_at FROM features;
DROP TABLE features;

-- Uses per day, so "used c times in the last w days" is exact. Earlier days count as one use.
ALTER TABLE feature_days ADD COLUMN count INTEGER NOT NULL DEFAULT 1;

CREATE TABLE touches (
  workspace_id  TEXT NOT NULL,
  id            TEXT NOT NULL,
  account_id    TEXT NOT NULL,
  channel       TEXT NOT NULL,
  note          TEXT NOT NULL,
  at            TEXT NOT NULL,
  author        TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  PRIMARY KEY (workspace_id, id)
) WITHOUT ROWID;
CREATE INDEX touches_account ON touches (workspace_id, account_id, at);

-- Where the last evaluation placed each user and account. Written by the analytics refresher.
CREATE TABLE user_metrics (
  workspace_id    TEXT NOT NULL,
  user_id         TEXT NOT NULL,
  account_id      TEXT,
  journey         TEXT NOT NULL,
  stage           TEXT NOT NULL,
  stage_index     INTEGER NOT NULL,
  body            TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  PRIMARY KEY (workspace_id, user_id)
) WITHOUT ROWID;
CREATE INDEX user_metrics_account ON user_metrics (workspace_id, account_id);

CREATE TABLE account_metrics (
  workspace_id    TEXT NOT NULL,
  account_id      TEXT NOT NULL,
  name            TEXT NOT NULL,
  journey         TEXT NOT NULL,
  stage           TEXT NOT NULL,
  stage_index     INTEGER NOT NULL,
  health_score    REAL,
  health_colour   TEXT,
  deployment_rate REAL,
  utilization_rate REAL,
  active_users    INTEGER NOT NULL,
  seat_tier       TEXT,
  tenure_tier     TEXT,
  last_touch_at   TEXT,
  contact         TEXT NOT NULL,
  last_active_at  TEXT NOT NULL,
  body            TEXT NOT NULL,
  -- Findings of alert rules at the last evaluation, so an alert is raised when one appears.
  findings        TEXT NOT NULL DEFAULT '[]',
  updated_at      TEXT NOT NULL,
  PRIMARY KEY (workspace_id, account_id)
) WITHOUT ROWID;
CREATE INDEX account_metrics_health ON account_metrics (workspace_id, health_score);

CREATE TABLE account_snapshots (
  workspace_id    TEXT NOT NULL,
  account_id      TEXT NOT NULL,
  day             TEXT NOT NULL,
  stage           TEXT NOT NULL,
  health_score    REAL,
  health_colour   TEXT,
  health_version  INTEGER NOT NULL,
  body            TEXT NOT NULL,
  PRIMARY KEY (workspace_id, account_id, day)
) WITHOUT ROWID;

CREATE TABLE certifications (
  workspace_id  TEXT NOT NULL,
  user_id       TEXT NOT NULL,
  program       TEXT NOT NULL,
  level         INTEGER NOT NULL,
  name          TEXT NOT NULL,
  account_id    TEXT,
  awarded_at    TEXT NOT NULL,
  PRIMARY KEY (workspace_id, user_id, program, level)
) WITHOUT ROWID;
CREATE INDEX certifications_account ON certifications (workspace_id, account_id, program);

CREATE TABLE alerts (
  workspace_id  TEXT NOT NULL,
  id            TEXT NOT NULL,
  rule          TEXT NOT NULL,
  finding       TEXT NOT NULL,
  subject_kind  TEXT NOT NULL,
  subject_id    TEXT NOT NULL,
  message       TEXT NOT NULL,
  details       TEXT NOT NULL,
  status        TEXT NOT NULL,
  raised_at     TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  updated_by    TEXT,
  PRIMARY KEY (workspace_id, id)
) WITHOUT ROWID;
-- At most one unresolved alert per problem: raising it again while open changes nothing.
CREATE UNIQUE INDEX alerts_open ON alerts (workspace_id, subject_kind, subject_id, finding) WHERE status <> 'resolved';
CREATE INDEX alerts_feed ON alerts (workspace_id, status, raised_at);

-- The refresher's position in the event log: events after it have not been evaluated yet.
CREATE TABLE analytics_state (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  event_seq       INTEGER NOT NULL,
  swept_day       TEXT NOT NULL
);
INSERT INTO analytics_state (id, event_seq, swept_day) VALUES (1, 0, '');
-- Accounts and users to evaluate again for reasons other than events (a logged touch).
CREATE TABLE analytics_dirty (
  workspace_id  TEXT NOT NULL,
  kind          TEXT NOT NULL,
  subject_id    TEXT NOT NULL,
  PRIMARY KEY (workspace_id, kind, subject_id)
) WITHOUT ROWID;

-- The "message anchor failing repeatedly" alert counts these; partial, so other events pay nothing.
CREATE INDEX events_anchor_missing ON events (workspace_id, timestamp) WHERE name = 'anchor_missing';
