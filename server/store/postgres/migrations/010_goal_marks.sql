-- Goal marks: for each visitor and event goal of a live or paused campaign, the first and last
-- time they did it. A show that reaches the server after the goal (another tab's queue, a browser
-- back online) looks back here; feature goals look back at feature_usage. See engine/goals.ts.
CREATE TABLE goal_marks (
  workspace_id  text NOT NULL,
  visitor_id    text NOT NULL,
  goal          text NOT NULL,
  first_at      text COLLATE "C" NOT NULL,
  last_at       text COLLATE "C" NOT NULL,
  PRIMARY KEY (workspace_id, visitor_id, goal)
);
