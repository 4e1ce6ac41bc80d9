-- An account's recent survey scores, read with its metrics (and by low_score alert rules).
CREATE INDEX survey_answers_account ON survey_answers (workspace_id, account_id, answered_at);
