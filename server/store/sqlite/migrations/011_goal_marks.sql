-- Goal marks: for each visitor and event goal of a live or paused campaign, the first and last
-- time they did it. A show that reaches the server after the goal (another tab's queue, a browser
-- back online) looks back here; feature goals look back at feature_usage. See engine/goals.ts.
CREATE TABLE goal_marks (
  workspace_id  TEXT NOT NULL,
  visitor_id    TEXT NOT NULL,
  goal          TEXT NOT NULL,
  first_at      TEXT NOT NULL,
  last_at       TEXT NOT NULL,
  PRIMARY KEY (workspace_id, visitor_id, goal)
) WITHOUT ROWID;
