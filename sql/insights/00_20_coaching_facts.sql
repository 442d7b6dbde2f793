-- coaching_facts (ae_id, won, closed, activities, overdue, overdue_courses):
-- what the coaching signals measure of each AE besides the KPI tables and
-- the deal book (INSIGHTS "coaching_signals"), from the lake, so that on
-- Athena it runs there with the other blocks:
-- - won / closed: deals with IsWon / IsClosed and CloseDate in pqs … D, the
--   counts of win_rate_pct (deal_stats) over the last two quarters;
-- - activities: tasks and events the AE owns dated in the last
--   `activity_days` days ending with D (D − 27 … D by default);
-- - overdue / overdue_courses: course assignments (course_assignments) due
--   before D and not completed by D, and their course ids.
WITH /* @params */
dates AS (
  SELECT r.as_of AS d, q.prev_start AS pqs
  FROM run_params r
  CROSS JOIN periods q
  WHERE q.period_type = 'quarter'
    AND q.period_end = r.as_of
),
aes AS (
  SELECT ae_id
  FROM members
  WHERE level = 'ae'
),
closed_deals AS (
  SELECT o.owner_id AS ae_id,
    CAST(SUM(CASE WHEN o.is_won THEN 1 ELSE 0 END) AS DOUBLE) AS won,
    CAST(SUM(CASE WHEN o.is_closed THEN 1 ELSE 0 END) AS DOUBLE) AS closed
  FROM opp_facts o
  CROSS JOIN dates d
  WHERE (o.is_won OR o.is_closed)
    AND o.close_date BETWEEN d.pqs AND d.d
  GROUP BY o.owner_id
),
activity AS (
  SELECT owner_id, activity_date FROM tasks
  UNION ALL
  SELECT owner_id, activity_date FROM events
),
recent_activities AS (
  SELECT x.owner_id AS ae_id, CAST(COUNT(*) AS DOUBLE) AS activities
  FROM activity x
  CROSS JOIN dates d
  CROSS JOIN coaching_thresholds t
  WHERE date_diff('day', x.activity_date, d.d) BETWEEN 0 AND t.activity_days - 1
  GROUP BY x.owner_id
),
overdue AS (
  SELECT c.user_id AS ae_id, CAST(COUNT(*) AS DOUBLE) AS overdue,
    array_join(array_agg(c.object_id ORDER BY c.object_id), ',') AS overdue_courses
  FROM course_assignments c
  CROSS JOIN dates d
  WHERE c.due_date < d.d
    AND (c.completed_on IS NULL OR c.completed_on > d.d)
  GROUP BY c.user_id
)
SELECT a.ae_id, COALESCE(c.won, 0) AS won, COALESCE(c.closed, 0) AS closed,
  COALESCE(r.activities, 0) AS activities, COALESCE(o.overdue, 0) AS overdue, o.overdue_courses
FROM aes a
LEFT JOIN closed_deals c ON c.ae_id = a.ae_id
LEFT JOIN recent_activities r ON r.ae_id = a.ae_id
LEFT JOIN overdue o ON o.ae_id = a.ae_id
