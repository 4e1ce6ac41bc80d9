-- An account's net promoter score over its users' survey scores of the last 90 days, as a column
-- so the accounts list can sort by it (null: no scores).
ALTER TABLE account_metrics ADD COLUMN nps REAL;
