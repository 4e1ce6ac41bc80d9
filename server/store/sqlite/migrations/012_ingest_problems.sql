-- Ingest problems: the latest events a workspace's browsers sent that were refused or would be
-- (identity verification in report mode), and queues that overflowed: the latest 200 of each
-- workspace, so a product team setting up tracking sees why an event is missing.
CREATE TABLE ingest_problems (
  seq           INTEGER PRIMARY KEY AUTOINCREMENT,
  workspace_id  TEXT NOT NULL,
  at            TEXT NOT NULL,
  code          TEXT NOT NULL,
  message       TEXT NOT NULL,
  path          TEXT,
  visitor       TEXT,
  event         TEXT
);
CREATE INDEX ingest_problems_latest ON ingest_problems (workspace_id, seq);
