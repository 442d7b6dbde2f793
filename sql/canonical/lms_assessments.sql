-- Current state of lms_assessments: one row per assessment_id, the one of the greatest drop
-- id (drop ids sort chronologically, so the later drop wins), then the later
-- line of the file.
CREATE OR REPLACE VIEW lms_assessments AS
SELECT
  user_email,
  assessment_id,
  skill,
  score,
  max_score,
  taken_at
FROM (
  SELECT
    r.*,
    row_number() OVER (PARTITION BY assessment_id ORDER BY drop_id DESC, source_line DESC) AS version_rank
  FROM raw_lms_assessments AS r
) AS versions
WHERE version_rank = 1
