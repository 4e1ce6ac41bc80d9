-- The same tables as sqlite/migrations/006_webhooks.sql. Ids and times compare bytewise
-- (COLLATE "C") as in SQLite, so due times and the delivery log order identically in both.
CREATE TABLE webhooks (
  workspace_id  text COLLATE "C" NOT NULL,
  id            text COLLATE "C" NOT NULL,
  url           text NOT NULL,
  description   text NOT NULL DEFAULT '',
  -- Kept readable: every request is signed with it.
  secret        text NOT NULL,
  enabled       integer NOT NULL DEFAULT 1,
  created_at    text COLLATE "C" NOT NULL,
  updated_at    text COLLATE "C" NOT NULL,
  PRIMARY KEY (workspace_id, id)
);

-- One row per subscribed type ('*' = all), so the outbox can match subscribers in plain SQL.
CREATE TABLE webhook_subscriptions (
  workspace_id  text COLLATE "C" NOT NULL,
  webhook_id    text COLLATE "C" NOT NULL,
  event_type    text COLLATE "C" NOT NULL,
  PRIMARY KEY (workspace_id, webhook_id, event_type)
);

-- One row per (event, webhook). The body is stored as sent, so every retry sends the same bytes.
CREATE TABLE webhook_deliveries (
  workspace_id     text COLLATE "C" NOT NULL,
  webhook_id       text COLLATE "C" NOT NULL,
  event_id         text COLLATE "C" NOT NULL,
  type             text COLLATE "C" NOT NULL,
  body             text NOT NULL,
  status           text COLLATE "C" NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  text COLLATE "C" NOT NULL,
  -- A deliverer claims a row by moving locked_until into the future; claim names the holder.
  locked_until     text COLLATE "C" NOT NULL,
  claim            text COLLATE "C",
  last_status      integer,
  last_error       text,
  delivered_at     text COLLATE "C",
  created_at       text COLLATE "C" NOT NULL,
  updated_at       text COLLATE "C" NOT NULL,
  PRIMARY KEY (workspace_id, webhook_id, event_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (workspace_id, webhook_id, created_at);
CREATE INDEX webhook_deliveries_finished ON webhook_deliveries (updated_at) WHERE status <> 'pending';
CREATE INDEX webhook_deliveries_claimed ON webhook_deliveries (claim) WHERE claim IS NOT NULL;
