ALTER TABLE workspaces ADD COLUMN settings TEXT NOT NULL DEFAULT '{}';
-- Feature keys each event counted toward, so linking an anonymous visitor to a user and
-- rebuilding counters never need the feature definitions of the time.
ALTER TABLE events ADD COLUMN features TEXT NOT NULL DEFAULT '';
-- 1/0 when identity verification checked the event, NULL when it did not apply.
ALTER TABLE events ADD COLUMN verified INTEGER;
CREATE INDEX events_anonymous ON events (workspace_id, anonymous_id) WHERE user_id IS NULL;
