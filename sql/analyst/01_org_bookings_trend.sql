-- Org bookings, quota and attainment per month, in the newest version.
WITH newest AS (
  SELECT MAX(as_of) AS as_of FROM kpi_values
)
SELECT v.period_start, v.period_end,
  v.value AS bookings,
  q.value AS quota,
  a.value AS quota_attainment_pct
FROM kpi_values v
JOIN newest n ON n.as_of = v.as_of
JOIN kpi_values q
  ON q.as_of = v.as_of AND q.level = v.level AND q.entity_id = v.entity_id
  AND q.period_type = v.period_type AND q.period_start = v.period_start AND q.kpi = 'quota'
JOIN kpi_values a
  ON a.as_of = v.as_of AND a.level = v.level AND a.entity_id = v.entity_id
  AND a.period_type = v.period_type AND a.period_start = v.period_start AND a.kpi = 'quota_attainment_pct'
WHERE v.level = 'org'
  AND v.period_type = 'month'
  AND v.kpi = 'bookings'
ORDER BY v.period_start;
