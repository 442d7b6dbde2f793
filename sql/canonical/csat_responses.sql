-- Current state of csat_responses: one row per response_id, the one of the greatest drop
-- id (drop ids sort chronologically, so the later drop wins), then the later
-- line of the file.
CREATE OR REPLACE VIEW csat_responses AS
SELECT
  response_id,
  submitted_at,
  account_id,
  score,
  comment
FROM (
  SELECT
    r.*,
    row_number() OVER (PARTITION BY response_id ORDER BY drop_id DESC, source_line DESC) AS version_rank
  FROM raw_csat_responses AS r
) AS versions
WHERE version_rank = 1
