-- Family 5, account expansion: expansion_opps_created, expansion_bookings,
-- new_products_sold.
-- new_products_sold counts (account, product family) pairs whose first won
-- opportunity with a line item of that family (earliest CloseDate, then
-- smallest Id; any owner: family_wins nth = 1) closes in P, is owned by E
-- and is a cross-sell.
WITH /* @params */
expansion_created AS (
  SELECT m.level, m.entity_id, p.period_type, p.period_start, CAST(COUNT(*) AS DOUBLE) AS expansion_opps_created
  FROM opp_facts o
  JOIN members m ON m.ae_id = o.owner_id
  JOIN periods p ON o.created_date BETWEEN p.period_start AND p.period_end
  WHERE o.kind IN ('upsell', 'cross_sell')
  GROUP BY m.level, m.entity_id, p.period_type, p.period_start
),
new_products AS (
  SELECT m.level, m.entity_id, p.period_type, p.period_start, CAST(COUNT(*) AS DOUBLE) AS new_products_sold
  FROM family_wins w
  JOIN opp_facts o ON o.id = w.opportunity_id
  JOIN members m ON m.ae_id = o.owner_id
  JOIN periods p ON w.close_date BETWEEN p.period_start AND p.period_end
  WHERE w.nth = 1
    AND o.kind = 'cross_sell'
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
