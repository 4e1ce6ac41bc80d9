-- Webhooks: URLs a workspace registered, the event types each subscribes to, and an outbox of
-- deliveries written in the same transaction as the alert or certification that caused them.
CREATE TABLE webhooks (
  workspace_id  TEXT NOT NULL,
  id            TEXT NOT NULL,
  url           TEXT NOT NULL,
  description   TEXT NOT NULL DEFAULT '',
  -- Kept readable: every request is signed with it.
  secret        TEXT NOT NULL,
  enabled       INTEGER NOT NULL DEFAULT 1,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  PRIMARY KEY (workspace_id, id)
) WITHOUT ROWID;

-- One row per subscribed type ('*' = all), so the outbox can match subscribers in plain SQL.
CREATE TABLE webhook_subscriptions (
  workspace_id  TEXT NOT NULL,
  webhook_id    TEXT NOT NULL,
  event_type    TEXT NOT NULL,
  PRIMARY KEY (workspace_id, webhook_id, event_type)
) WITHOUT ROWID;

-- One row per (event, webhook). The body is stored as sent, so every retry sends the same bytes.
CREATE TABLE webhook_deliveries (
  workspace_id     TEXT NOT NULL,
  webhook_id       TEXT NOT NULL,
  event_id         TEXT NOT NULL,
  type             TEXT NOT NULL,
  body             TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  TEXT NOT NULL,
  -- A deliverer claims a row by moving locked_until into the future; claim names the holder.
  locked_until     TEXT NOT NULL,
  claim            TEXT,
  last_status      INTEGER,
  last_error       TEXT,
  delivered_at     TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  PRIMARY KEY (workspace_id, webhook_id, event_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (workspace_id, webhook_id, created_at);
CREATE INDEX webhook_deliveries_finished ON webhook_deliveries (updated_at) WHERE status <> 'pending';
CREATE INDEX webhook_deliveries_claimed ON webhook_deliveries (claim) WHERE claim IS NOT NULL;
