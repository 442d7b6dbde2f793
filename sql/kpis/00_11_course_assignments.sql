-- course_assignments (user_id, object_id, due_date, completed_on): every
-- (learner, course) pair with a due date (fine print 6). The learner is the
-- user whose Email matches the statement's actor ignoring case (the smallest
-- Id when two users share it). The due date is that of the pair's latest
-- `registered` statement carrying one, whenever it is dated (a
-- re-registration extends it); the completion is the UTC date of its
-- earliest `completed` statement, NULL when none. Family 9 (training_due,
-- training_completion_pct) and the coaching signal skill_gap read it.
WITH /* @params */
learners AS (
  SELECT lower(email) AS email, MIN(id) AS user_id
  FROM users
  WHERE email IS NOT NULL
  GROUP BY lower(email)
),
statements AS (
  SELECT l.user_id, s.id, s."timestamp", s.verb, s.object_id, s.due_date
  FROM lms_statements s
  JOIN learners l ON l.email = lower(s.actor_email)
  WHERE s.verb IN ('registered', 'completed')
),
registrations AS (
  SELECT user_id, object_id, due_date,
    row_number() OVER (PARTITION BY user_id, object_id ORDER BY "timestamp" DESC NULLS LAST, id DESC) AS recency
  FROM statements
  WHERE verb = 'registered'
    AND due_date IS NOT NULL
),
completions AS (
  SELECT user_id, object_id, MIN(CAST("timestamp" AS DATE)) AS completed_on
  FROM statements
  WHERE verb = 'completed'
  GROUP BY user_id, object_id
)
SELECT r.user_id, r.object_id, r.due_date, c.completed_on
FROM registrations r
LEFT JOIN completions c ON c.user_id = r.user_id AND c.object_id = r.object_id
WHERE r.recency = 1
