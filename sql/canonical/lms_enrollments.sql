-- Current state of lms_enrollments: one row per (user_email, course_id), the one of the greatest drop
-- id (drop ids sort chronologically, so the later drop wins), then the later
-- line of the file.
CREATE OR REPLACE VIEW lms_enrollments AS
SELECT
  user_email,
  course_id,
  course_name,
  assigned_date,
  due_date,
  completed_date
FROM (
  SELECT
    r.*,
    row_number() OVER (PARTITION BY user_email, course_id ORDER BY drop_id DESC, source_line DESC) AS version_rank
  FROM raw_lms_enrollments AS r
) AS versions
WHERE version_rank = 1
