-- What a webhook is sent: Uptake's signed JSON envelope, or a line of text for a Slack (or
-- Mattermost) incoming webhook.
ALTER TABLE webhooks ADD COLUMN format TEXT NOT NULL DEFAULT 'json';
