-- Family 8, collaboration and communication: feedback_received,
-- feedback_quality_avg, cases_opened, case_resolution_pct,
-- case_resolution_days.
-- Feedback counts on its GivenAt UTC date. A case is E's when its account is
-- owned by E now; it is closed when IsClosed and ClosedDate is present
-- (fine print 3); resolution days run from the created date to the closed
-- date, both UTC dates. A rating or a case without the dates it needs is
-- not averaged.
WITH /* @params */
feedback AS (
  SELECT m.level, m.entity_id, p.period_type, p.period_start,
    CAST(COUNT(*) AS DOUBLE) AS feedback_received,
    SUM(f.rating) AS rating_sum, CAST(COUNT(f.rating) AS DOUBLE) AS ratings
  FROM coaching_feedback f
  JOIN members m ON m.ae_id = f.receiver_id
  JOIN periods p ON CAST(f.given_at AS DATE) BETWEEN p.period_start AND p.period_end
  GROUP BY m.level, m.entity_id, p.period_type, p.period_start
),
entity_cases AS (
  SELECT m.level, m.entity_id, CAST(c.created_date AS DATE) AS created_on,
    CASE WHEN COALESCE(c.is_closed, FALSE) THEN CAST(c.closed_date AS DATE) END AS closed_on
  FROM cases c
  JOIN accounts a ON a.id = c.account_id
  JOIN members m ON m.ae_id = a.owner_id
),
opened AS (
  SELECT c.level, c.entity_id, p.period_type, p.period_start,
    CAST(COUNT(*) AS DOUBLE) AS cases_opened,
    CAST(SUM(CASE WHEN c.closed_on <= p.period_end THEN 1 ELSE 0 END) AS DOUBLE) AS cases_resolved
  FROM entity_cases c
  JOIN periods p ON c.created_on BETWEEN p.period_start AND p.period_end
  GROUP BY c.level, c.entity_id, p.period_type, p.period_start
),
closed AS (
  SELECT c.level, c.entity_id, p.period_type, p.period_start,
    CAST(SUM(date_diff('day', c.created_on, c.closed_on)) AS DOUBLE) AS resolution_days,
    CAST(COUNT(c.created_on) AS DOUBLE) AS cases_closed
  FROM entity_cases c
  JOIN periods p ON c.closed_on BETWEEN p.period_start AND p.period_end
  GROUP BY c.level, c.entity_id, p.period_type, p.period_start
),
stats AS (
  SELECT g.level, g.entity_id, g.period_type, g.period_start,
    COALESCE(f.feedback_received, 0) AS feedback_received,
    COALESCE(f.rating_sum, 0) AS rating_sum, COALESCE(f.ratings, 0) AS ratings,
    COALESCE(o.cases_opened, 0) AS cases_opened, COALESCE(o.cases_resolved, 0) AS cases_resolved,
    COALESCE(c.resolution_days, 0) AS resolution_days, COALESCE(c.cases_closed, 0) AS cases_closed
  FROM grid g
  LEFT JOIN feedback f
    ON f.level = g.level AND f.entity_id = g.entity_id AND f.period_type = g.period_type AND f.period_start = g.period_start
  LEFT JOIN opened o
    ON o.level = g.level AND o.entity_id = g.entity_id AND o.period_type = g.period_type AND o.period_start = g.period_start
  LEFT JOIN closed c
    ON c.level = g.level AND c.entity_id = g.entity_id AND c.period_type = g.period_type AND c.period_start = g.period_start
)
SELECT 'feedback_received' AS kpi, level, entity_id, period_type, period_start,
  feedback_received AS value, CAST(NULL AS DOUBLE) AS numerator, CAST(NULL AS DOUBLE) AS denominator,
  CAST(NULL AS VARCHAR) AS dimension, CAST(NULL AS VARCHAR) AS dimension_value
FROM stats
UNION ALL
SELECT 'feedback_quality_avg', level, entity_id, period_type, period_start,
  rating_sum / NULLIF(ratings, 0), rating_sum, ratings, NULL, NULL
FROM stats
UNION ALL
SELECT 'cases_opened', level, entity_id, period_type, period_start, cases_opened, NULL, NULL, NULL, NULL
FROM stats
UNION ALL
SELECT 'case_resolution_pct', level, entity_id, period_type, period_start,
  100 * cases_resolved / NULLIF(cases_opened, 0), cases_resolved, cases_opened, NULL, NULL
FROM stats
UNION ALL
SELECT 'case_resolution_days', level, entity_id, period_type, period_start,
  resolution_days / NULLIF(cases_closed, 0), resolution_days, cases_closed, NULL, NULL
FROM stats
