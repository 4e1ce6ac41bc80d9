-- Decide looks up a user's most recent account; this index answers it without a sort, and
-- without it the planner scanned every membership of the workspace.
DROP INDEX account_users_user;
CREATE INDEX account_users_user ON account_users (workspace_id, user_id, last_seen DESC);
