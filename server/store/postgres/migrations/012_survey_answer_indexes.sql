-- Recent survey scores by account (with its metrics, and low_score alert rules) and by user (the
-- latest score, for "score" audience conditions).
CREATE INDEX survey_answers_account ON survey_answers (workspace_id, account_id, answered_at);
CREATE INDEX survey_answers_visitor ON survey_answers (workspace_id, visitor_id, answered_at);
