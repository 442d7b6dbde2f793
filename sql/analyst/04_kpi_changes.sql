-- How each team's KPIs for the newest quarter moved between the two newest
-- versions (the same period in both).
WITH newest AS (
  SELECT as_of, MAX(period_start) AS quarter_start
  FROM kpi_values
  WHERE period_type = 'quarter'
    AND as_of IN (SELECT MAX(as_of) FROM kpi_values)
  GROUP BY as_of
),
previous AS (
  SELECT MAX(v.as_of) AS as_of
  FROM kpi_values v
  JOIN newest n ON v.as_of < n.as_of
)
SELECT c.entity_id AS team, e.name, c.kpi, c.period_start, p.value AS previous_value, c.value AS value,
  c.value - p.value AS change
FROM kpi_values c
JOIN newest n ON n.as_of = c.as_of AND n.quarter_start = c.period_start
JOIN previous pv ON TRUE
JOIN kpi_values p
  ON p.as_of = pv.as_of AND p.kpi = c.kpi AND p.level = c.level
  AND p.entity_id = c.entity_id AND p.period_type = c.period_type AND p.period_start = c.period_start
LEFT JOIN entities e ON e.as_of = c.as_of AND e.level = c.level AND e.entity_id = c.entity_id
WHERE c.level = 'team'
  AND c.period_type = 'quarter'
ORDER BY team, c.kpi;
