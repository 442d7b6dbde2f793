-- Family 6, sales productivity: time_to_close_days, sales_cycle_days,
-- activities, activities_per_deal_won (deals_won and avg_deal_size are
-- family 2's).
-- activities counts every task and event E owns with ActivityDate in P,
-- open or not (fine print 8). Negative day counts are kept (fine print 9).
WITH /* @params */
activity AS (
  SELECT owner_id, activity_date FROM tasks
  UNION ALL
  SELECT owner_id, activity_date FROM events
),
activity_counts AS (
  SELECT m.level, m.entity_id, p.period_type, p.period_start, CAST(COUNT(*) AS DOUBLE) AS activities
  FROM activity a
  JOIN members m ON m.ae_id = a.owner_id
  JOIN periods p ON a.activity_date BETWEEN p.period_start AND p.period_end
  GROUP BY m.level, m.entity_id, p.period_type, p.period_start
),
stats AS (
  SELECT level, entity_id, period_type, period_start,
    d.deals_won, d.won_days, d.won_dated, d.closed_days, d.closed_dated,
    COALESCE(a.activities, 0) AS activities
  FROM deal_stats d
  LEFT JOIN activity_counts a USING (level, entity_id, period_type, period_start)
)
SELECT 'time_to_close_days' AS kpi, level, entity_id, period_type, period_start,
  won_days / NULLIF(won_dated, 0) AS value, won_days AS numerator, won_dated AS denominator,
  CAST(NULL AS VARCHAR) AS dimension, CAST(NULL AS VARCHAR) AS dimension_value
FROM stats
UNION ALL
SELECT 'sales_cycle_days', level, entity_id, period_type, period_start,
  closed_days / NULLIF(closed_dated, 0), closed_days, closed_dated, NULL, NULL
FROM stats
UNION ALL
SELECT 'activities', level, entity_id, period_type, period_start, activities, NULL, NULL, NULL, NULL
FROM stats
UNION ALL
SELECT 'activities_per_deal_won', level, entity_id, period_type, period_start,
  activities / NULLIF(deals_won, 0), activities, deals_won, NULL, NULL
FROM stats
