-- Active AEs ranked by quota attainment in the newest quarter of the newest
-- version, with their team's manager.
WITH newest AS (
  SELECT as_of, MAX(period_start) AS quarter_start
  FROM kpi_values
  WHERE period_type = 'quarter'
    AND as_of IN (SELECT MAX(as_of) FROM kpi_values)
  GROUP BY as_of
)
SELECT
  rank() OVER (ORDER BY v.value DESC NULLS LAST) AS place,
  e.name AS ae,
  t.name AS team,
  v.numerator AS bookings,
  v.denominator AS quota,
  v.value AS quota_attainment_pct
FROM kpi_values v
JOIN newest n ON n.as_of = v.as_of AND n.quarter_start = v.period_start
JOIN entities e ON e.as_of = v.as_of AND e.level = 'ae' AND e.entity_id = v.entity_id
LEFT JOIN entities t ON t.as_of = v.as_of AND t.level = 'team' AND t.entity_id = e.team_id
WHERE v.level = 'ae'
  AND v.kpi = 'quota_attainment_pct'
  AND v.period_type = 'quarter'
  AND e.is_active
ORDER BY place, ae;
