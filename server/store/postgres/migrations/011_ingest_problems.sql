-- Ingest problems: the latest events a workspace's browsers sent that were refused or would be
-- (identity verification in report mode), and queues that overflowed: the latest 200 of each
-- workspace, so a product team setting up tracking sees why an event is missing.
CREATE TABLE ingest_problems (
  seq           bigserial PRIMARY KEY,
  workspace_id  text COLLATE "C" NOT NULL,
  at            text NOT NULL,
  code          text NOT NULL,
  message       text NOT NULL,
  path          text,
  visitor       text,
  event         text
);
CREATE INDEX ingest_problems_latest ON ingest_problems (workspace_id, seq);
