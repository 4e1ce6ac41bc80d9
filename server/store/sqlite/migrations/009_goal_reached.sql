-- "Stop after goal reached" for every kind of goal: ingest records, for visitors already shown a
-- campaign, the first time since then they did its goal, and which goal that was ("event:…",
-- "feature:…"), so decide never scans events. See engine/goals.ts.
ALTER TABLE message_states ADD COLUMN reached_goal TEXT;
ALTER TABLE message_states ADD COLUMN goal_reached_at TEXT;
