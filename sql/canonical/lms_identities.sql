-- Current state of lms_identities: one row per account_name, the one of the greatest drop
-- id (drop ids sort chronologically, so the later drop wins), then the later
-- line of the file.
CREATE OR REPLACE VIEW lms_identities AS
SELECT
  account_name,
  user_email
FROM (
  SELECT
    r.*,
    row_number() OVER (PARTITION BY account_name ORDER BY drop_id DESC, source_line DESC) AS version_rank
  FROM raw_lms_identities AS r
) AS versions
WHERE version_rank = 1
