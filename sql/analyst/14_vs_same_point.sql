-- The org's running month and quarter against the previous period up to the same day (kpi_same_point), in the newest version.
SELECT
  v.period_type,
  v.kpi,
  v.period_start,
  v.period_end,
  v.value,
  p.period_start AS previous_start,
  p.period_end AS previous_end,
  p.value AS previous_value,
  v.value - p.value AS change
FROM kpi_values v
JOIN kpi_same_point p ON p.as_of = v.as_of AND p.kpi = v.kpi AND p.level = v.level AND p.entity_id = v.entity_id
  AND p.period_type = v.period_type
WHERE v.as_of IN (SELECT MAX(as_of) FROM kpi_values)
  AND v.level = 'org'
  AND v.period_end = v.as_of
  AND v.kpi IN ('bookings', 'deals_won', 'quota_attainment_pct', 'win_rate_pct', 'pipeline_created', 'activities')
ORDER BY v.period_type, v.kpi;
