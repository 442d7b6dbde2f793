-- Family 5, account expansion: expansion_opps_created, expansion_bookings,
-- new_products_sold.
-- new_products_sold counts (account, product family) pairs whose first won
-- opportunity with a line item of that family (earliest CloseDate, then
-- smallest Id; any owner) closes in P, is owned by E and is a cross-sell.
WITH /* @params */
expansion_created AS (
  SELECT m.level, m.entity_id, p.period_type, p.period_start, CAST(COUNT(*) AS DOUBLE) AS expansion_opps_created
  FROM opp_facts o
  JOIN members m ON m.ae_id = o.owner_id
  JOIN periods p ON o.created_date BETWEEN p.period_start AND p.period_end
  WHERE o.kind IN ('upsell', 'cross_sell')
  GROUP BY m.level, m.entity_id, p.period_type, p.period_start
),
first_wins AS (
  SELECT o.id, o.owner_id, o.kind, o.close_date,
    row_number() OVER (PARTITION BY o.account_id, f.family ORDER BY o.close_date, o.id) AS rank_in_pair
  FROM opp_facts o
  JOIN opp_families f ON f.opportunity_id = o.id
  WHERE o.is_won
    AND o.account_id IS NOT NULL
),
new_products AS (
  SELECT m.level, m.entity_id, p.period_type, p.period_start, CAST(COUNT(*) AS DOUBLE) AS new_products_sold
  FROM first_wins w
  JOIN members m ON m.ae_id = w.owner_id
  JOIN periods p ON w.close_date BETWEEN p.period_start AND p.period_end
  WHERE w.rank_in_pair = 1
    AND w.kind = 'cross_sell'
  GROUP BY m.level, m.entity_id, p.period_type, p.period_start
),
stats AS (
  SELECT level, entity_id, period_type, period_start, d.expansion_bookings,
    COALESCE(c.expansion_opps_created, 0) AS expansion_opps_created,
    COALESCE(n.new_products_sold, 0) AS new_products_sold
  FROM deal_stats d
  LEFT JOIN expansion_created c USING (level, entity_id, period_type, period_start)
  LEFT JOIN new_products n USING (level, entity_id, period_type, period_start)
)
SELECT 'expansion_opps_created' AS kpi, level, entity_id, period_type, period_start,
  expansion_opps_created AS value, CAST(NULL AS DOUBLE) AS numerator, CAST(NULL AS DOUBLE) AS denominator,
  CAST(NULL AS VARCHAR) AS dimension, CAST(NULL AS VARCHAR) AS dimension_value
FROM stats
UNION ALL
SELECT 'expansion_bookings', level, entity_id, period_type, period_start, expansion_bookings, NULL, NULL, NULL, NULL
FROM stats
UNION ALL
SELECT 'new_products_sold', level, entity_id, period_type, period_start, new_products_sold, NULL, NULL, NULL, NULL
FROM stats
