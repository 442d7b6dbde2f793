-- Family 9, talent development: training_due, training_completion_pct,
-- trainings_completed, skill_score_avg (and its kpi_breakdowns rows by skill).
-- A learner is the user whose Email matches the statement's actor ignoring
-- case (the smallest Id when two users share it). Statements count on their
-- UTC date. An assignment is a (learner, course) pair with a due date
-- (course_assignments); a completion is a pair's earliest `completed`
-- statement, assigned or not (fine print 6). A skill score is the latest
-- `passed` / `failed` / `scored` statement with a skill and a score dated
-- ≤ pe, by full timestamp then statement id (fine print 7; a statement
-- without a timestamp is never the latest): scaled × 100,
-- else (raw − min) / (max − min) × 100 with min 0 when missing; a raw score
-- without max (or with max = min) has no score.
WITH /* @params */
learners AS (
  SELECT lower(email) AS email, MIN(id) AS user_id
  FROM users
  WHERE email IS NOT NULL
  GROUP BY lower(email)
),
statements AS (
  SELECT l.user_id, s.id, s."timestamp", CAST(s."timestamp" AS DATE) AS on_date, s.verb, s.object_id, s.due_date,
    s.skill, s.score_scaled, s.score_raw, s.score_min, s.score_max
  FROM lms_statements s
  JOIN learners l ON l.email = lower(s.actor_email)
),
completions AS (
  SELECT user_id, object_id, MIN(on_date) AS completed_on
  FROM statements
  WHERE verb = 'completed'
  GROUP BY user_id, object_id
),
-- assignments, their due dates and completions: course_assignments (00_11_course_assignments.sql)
assignments AS (
  SELECT user_id, object_id, due_date, completed_on
  FROM course_assignments
),
due AS (
  SELECT m.level, m.entity_id, p.period_type, p.period_start,
    CAST(COUNT(*) AS DOUBLE) AS training_due,
    CAST(SUM(CASE WHEN a.completed_on <= a.due_date THEN 1 ELSE 0 END) AS DOUBLE) AS completed_in_time
  FROM assignments a
  JOIN members m ON m.ae_id = a.user_id
  JOIN periods p ON a.due_date BETWEEN p.period_start AND p.period_end
  GROUP BY m.level, m.entity_id, p.period_type, p.period_start
),
completed AS (
  SELECT m.level, m.entity_id, p.period_type, p.period_start, CAST(COUNT(*) AS DOUBLE) AS trainings_completed
  FROM completions c
  JOIN members m ON m.ae_id = c.user_id
  JOIN periods p ON c.completed_on BETWEEN p.period_start AND p.period_end
  GROUP BY m.level, m.entity_id, p.period_type, p.period_start
),
scores AS (
  SELECT user_id, skill, "timestamp", id, on_date,
    CASE
      WHEN score_scaled IS NOT NULL THEN score_scaled * 100
      ELSE (score_raw - COALESCE(score_min, 0)) / NULLIF(score_max - COALESCE(score_min, 0), 0) * 100
    END AS score
  FROM statements
  WHERE verb IN ('passed', 'failed', 'scored')
    AND skill IS NOT NULL
),
latest_scores AS (
  SELECT p.period_type, p.period_start, s.user_id, s.skill, s.score,
    row_number() OVER (
      PARTITION BY p.period_type, p.period_start, s.user_id, s.skill ORDER BY s."timestamp" DESC NULLS LAST, s.id DESC
    ) AS recency
  FROM scores s
  JOIN periods p ON s.on_date <= p.period_end
  WHERE s.score IS NOT NULL
),
-- scores are summed as whole billionths of a point: a sum of doubles depends on
-- the order the engine's threads add them in, a sum of integers does not, so
-- two runs write the same bytes (a billionth of a point is far below what is shown)
skill_scores AS (
  SELECT m.level, m.entity_id, s.period_type, s.period_start, s.skill,
    SUM(CAST(round(s.score * 1000000000) AS BIGINT)) AS score_units, CAST(COUNT(*) AS DOUBLE) AS scores
  FROM latest_scores s
  JOIN members m ON m.ae_id = s.user_id
  WHERE s.recency = 1
  GROUP BY m.level, m.entity_id, s.period_type, s.period_start, s.skill
),
skill_totals AS (
  SELECT level, entity_id, period_type, period_start, SUM(score_units) AS score_units, SUM(scores) AS scores
  FROM skill_scores
  GROUP BY level, entity_id, period_type, period_start
),
stats AS (
  SELECT g.level, g.entity_id, g.period_type, g.period_start,
    COALESCE(d.training_due, 0) AS training_due, COALESCE(d.completed_in_time, 0) AS completed_in_time,
    COALESCE(c.trainings_completed, 0) AS trainings_completed,
    COALESCE(CAST(s.score_units AS DOUBLE) / 1000000000, 0) AS score_sum, COALESCE(s.scores, 0) AS scores
  FROM grid g
  LEFT JOIN due d
    ON d.level = g.level AND d.entity_id = g.entity_id AND d.period_type = g.period_type AND d.period_start = g.period_start
  LEFT JOIN completed c
    ON c.level = g.level AND c.entity_id = g.entity_id AND c.period_type = g.period_type AND c.period_start = g.period_start
  LEFT JOIN skill_totals s
    ON s.level = g.level AND s.entity_id = g.entity_id AND s.period_type = g.period_type AND s.period_start = g.period_start
)
SELECT 'training_due' AS kpi, level, entity_id, period_type, period_start,
  training_due AS value, CAST(NULL AS DOUBLE) AS numerator, CAST(NULL AS DOUBLE) AS denominator,
  CAST(NULL AS VARCHAR) AS dimension, CAST(NULL AS VARCHAR) AS dimension_value
FROM stats
UNION ALL
SELECT 'training_completion_pct', level, entity_id, period_type, period_start,
  100 * completed_in_time / NULLIF(training_due, 0), completed_in_time, training_due, NULL, NULL
FROM stats
UNION ALL
SELECT 'trainings_completed', level, entity_id, period_type, period_start, trainings_completed, NULL, NULL, NULL, NULL
FROM stats
UNION ALL
SELECT 'skill_score_avg', level, entity_id, period_type, period_start,
  score_sum / NULLIF(scores, 0), score_sum, scores, NULL, NULL
FROM stats
UNION ALL
SELECT 'skill_score_avg', level, entity_id, period_type, period_start,
  CAST(score_units AS DOUBLE) / 1000000000 / scores, CAST(score_units AS DOUBLE) / 1000000000, scores, 'skill', skill
FROM skill_scores
