-- Learning events, whichever layout the LMS exported:
--   * xAPI statements: one row per statement id (the later drop wins, then
--     the later line); a `voided` statement cancels the statement whose id
--     is its object_id, whichever drop either came in, and is itself left
--     out; an actor known only by account name gets its e-mail from
--     lms_identities (lms/identity-map.csv);
--   * lms/enrollments.csv: a `registered` statement per (learner, course),
--     at AssignedDate with the DueDate, and a `completed` statement at
--     CompletedDate when there is one (ids `enrollment:<email>:<course>:…`);
--   * lms/assessments.csv: a `scored` statement per assessment (id and
--     object id = AssessmentId) with raw score Score out of 0..MaxScore.
-- Dates of the CSV layout become midnight UTC timestamps.
CREATE OR REPLACE VIEW lms_statements AS
WITH xapi AS (
  SELECT *
  FROM (
    SELECT
      r.*,
      row_number() OVER (PARTITION BY id ORDER BY drop_id DESC, source_line DESC) AS version_rank
    FROM raw_lms_statements AS r
  ) AS versions
  WHERE version_rank = 1
),
voids AS (
  SELECT object_id AS voided_id FROM xapi WHERE verb = 'voided'
)
SELECT
  x.id,
  x."timestamp",
  COALESCE(x.actor_email, m.user_email) AS actor_email,
  x.verb,
  x.object_id,
  x.object_name,
  x.due_date,
  x.skill,
  x.score_scaled,
  x.score_raw,
  x.score_min,
  x.score_max,
  x.actor_account
FROM xapi AS x
LEFT JOIN lms_identities AS m
  ON x.actor_email IS NULL AND m.account_name = x.actor_account
WHERE x.verb <> 'voided'
  AND NOT EXISTS (SELECT 1 FROM voids AS v WHERE v.voided_id = x.id)
UNION ALL
SELECT
  'enrollment:' || e.user_email || ':' || e.course_id || ':registered' AS id,
  CAST(e.assigned_date AS TIMESTAMP) AS "timestamp",
  e.user_email AS actor_email,
  'registered' AS verb,
  e.course_id AS object_id,
  e.course_name AS object_name,
  e.due_date,
  CAST(NULL AS VARCHAR) AS skill,
  CAST(NULL AS DOUBLE) AS score_scaled,
  CAST(NULL AS DOUBLE) AS score_raw,
  CAST(NULL AS DOUBLE) AS score_min,
  CAST(NULL AS DOUBLE) AS score_max,
  CAST(NULL AS VARCHAR) AS actor_account
FROM lms_enrollments AS e
UNION ALL
SELECT
  'enrollment:' || e.user_email || ':' || e.course_id || ':completed' AS id,
  CAST(e.completed_date AS TIMESTAMP) AS "timestamp",
  e.user_email AS actor_email,
  'completed' AS verb,
  e.course_id AS object_id,
  e.course_name AS object_name,
  CAST(NULL AS DATE) AS due_date,
  CAST(NULL AS VARCHAR) AS skill,
  CAST(NULL AS DOUBLE) AS score_scaled,
  CAST(NULL AS DOUBLE) AS score_raw,
  CAST(NULL AS DOUBLE) AS score_min,
  CAST(NULL AS DOUBLE) AS score_max,
  CAST(NULL AS VARCHAR) AS actor_account
FROM lms_enrollments AS e
WHERE e.completed_date IS NOT NULL
UNION ALL
SELECT
  a.assessment_id AS id,
  a.taken_at AS "timestamp",
  a.user_email AS actor_email,
  'scored' AS verb,
  a.assessment_id AS object_id,
  CAST(NULL AS VARCHAR) AS object_name,
  CAST(NULL AS DATE) AS due_date,
  a.skill,
  CAST(NULL AS DOUBLE) AS score_scaled,
  a.score AS score_raw,
  CAST(0 AS DOUBLE) AS score_min,
  a.max_score AS score_max,
  CAST(NULL AS VARCHAR) AS actor_account
FROM lms_assessments AS a
