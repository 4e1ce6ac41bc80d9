-- The same tables as sqlite/migrations/004_analytics.sql. Analytics. Definitions of every kind are versioned rows: the latest version is current, and
-- older ones stay so a change can be compared and audited (who, when).
CREATE TABLE definitions (
  workspace_id  text COLLATE "C" NOT NULL,
  kind          text COLLATE "C" NOT NULL,
  key           text COLLATE "C" NOT NULL,
  version       bigint NOT NULL,
  body          text COLLATE "C" NOT NULL,
  author        text COLLATE "C" NOT NULL,
  created_at    text COLLATE "C" NOT NULL,
  PRIMARY KEY (workspace_id, kind, key, version)
);
INSERT INTO definitions (workspace_id, kind, key, version, body, author, created_at)
  SELECT workspace_id, 'feature', key, version, definition, 'api', updated_at FROM features;
DROP TABLE features;

-- Uses per day, so "used c times in the last w days" is exact. Earlier days count as one use.
ALTER TABLE feature_days ADD COLUMN count bigint NOT NULL DEFAULT 1;

CREATE TABLE touches (
  workspace_id  text COLLATE "C" NOT NULL,
  id            text COLLATE "C" NOT NULL,
  account_id    text COLLATE "C" NOT NULL,
  channel       text COLLATE "C" NOT NULL,
  note          text COLLATE "C" NOT NULL,
  at            text COLLATE "C" NOT NULL,
  author        text COLLATE "C" NOT NULL,
  created_at    text COLLATE "C" NOT NULL,
  PRIMARY KEY (workspace_id, id)
);
CREATE INDEX touches_account ON touches (workspace_id, account_id, at);

-- Where the last evaluation placed each user and account. Written by the analytics refresher.
CREATE TABLE user_metrics (
  workspace_id    text COLLATE "C" NOT NULL,
  user_id         text COLLATE "C" NOT NULL,
  account_id      text COLLATE "C",
  journey         text COLLATE "C" NOT NULL,
  stage           text COLLATE "C" NOT NULL,
  stage_index     bigint NOT NULL,
  body            text COLLATE "C" NOT NULL,
  updated_at      text COLLATE "C" NOT NULL,
  PRIMARY KEY (workspace_id, user_id)
);
CREATE INDEX user_metrics_account ON user_metrics (workspace_id, account_id);

CREATE TABLE account_metrics (
  workspace_id    text COLLATE "C" NOT NULL,
  account_id      text COLLATE "C" NOT NULL,
  name            text COLLATE "C" NOT NULL,
  journey         text COLLATE "C" NOT NULL,
  stage           text COLLATE "C" NOT NULL,
  stage_index     bigint NOT NULL,
  health_score    double precision,
  health_colour   text COLLATE "C",
  deployment_rate double precision,
  utilization_rate double precision,
  active_users    bigint NOT NULL,
  seat_tier       text COLLATE "C",
  tenure_tier     text COLLATE "C",
  last_touch_at   text COLLATE "C",
  contact         text COLLATE "C" NOT NULL,
  last_active_at  text COLLATE "C" NOT NULL,
  body            text COLLATE "C" NOT NULL,
  -- Findings of alert rules at the last evaluation, so an alert is raised when one appears.
  findings        text COLLATE "C" NOT NULL DEFAULT '[]',
  updated_at      text COLLATE "C" NOT NULL,
  PRIMARY KEY (workspace_id, account_id)
);
CREATE INDEX account_metrics_health ON account_metrics (workspace_id, health_score);

CREATE TABLE account_snapshots (
  workspace_id    text COLLATE "C" NOT NULL,
  account_id      text COLLATE "C" NOT NULL,
  day             text COLLATE "C" NOT NULL,
  stage           text COLLATE "C" NOT NULL,
  health_score    double precision,
  health_colour   text COLLATE "C",
  health_version  bigint NOT NULL,
  body            text COLLATE "C" NOT NULL,
  PRIMARY KEY (workspace_id, account_id, day)
);

CREATE TABLE certifications (
  workspace_id  text COLLATE "C" NOT NULL,
  user_id       text COLLATE "C" NOT NULL,
  program       text COLLATE "C" NOT NULL,
  level         bigint NOT NULL,
  name          text COLLATE "C" NOT NULL,
  account_id    text COLLATE "C",
  awarded_at    text COLLATE "C" NOT NULL,
  PRIMARY KEY (workspace_id, user_id, program, level)
);
CREATE INDEX certifications_account ON certifications (workspace_id, account_id, program);

CREATE TABLE alerts (
  workspace_id  text COLLATE "C" NOT NULL,
  id            text COLLATE "C" NOT NULL,
  rule          text COLLATE "C" NOT NULL,
  finding       text COLLATE "C" NOT NULL,
  subject_kind  text COLLATE "C" NOT NULL,
  subject_id    text COLLATE "C" NOT NULL,
  message       text COLLATE "C" NOT NULL,
  details       text COLLATE "C" NOT NULL,
  status        text COLLATE "C" NOT NULL,
  raised_at     text COLLATE "C" NOT NULL,
  updated_at    text COLLATE "C" NOT NULL,
  updated_by    text COLLATE "C",
  PRIMARY KEY (workspace_id, id)
);
-- At most one unresolved alert per problem: raising it again while open changes nothing.
CREATE UNIQUE INDEX alerts_open ON alerts (workspace_id, subject_kind, subject_id, finding) WHERE status <> 'resolved';
CREATE INDEX alerts_feed ON alerts (workspace_id, status, raised_at);

-- The refresher's position in the event log: events after it have not been evaluated yet.
CREATE TABLE analytics_state (
  id              bigint PRIMARY KEY CHECK (id = 1),
  event_seq       bigint NOT NULL,
  swept_day       text COLLATE "C" NOT NULL
);
INSERT INTO analytics_state (id, event_seq, swept_day) VALUES (1, 0, '');
-- Accounts and users to evaluate again for reasons other than events (a logged touch).
CREATE TABLE analytics_dirty (
  workspace_id  text COLLATE "C" NOT NULL,
  kind          text COLLATE "C" NOT NULL,
  subject_id    text COLLATE "C" NOT NULL,
  PRIMARY KEY (workspace_id, kind, subject_id)
);

-- The "message anchor failing repeatedly" alert counts these; partial, so other events pay nothing.
CREATE INDEX events_anchor_missing ON events (workspace_id, timestamp) WHERE name = 'anchor_missing';
