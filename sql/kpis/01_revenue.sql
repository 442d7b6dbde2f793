-- Family 1, revenue growth: bookings, bookings_growth_pct.
-- Every family file returns (kpi, level, entity_id, period_type,
-- period_start, value, numerator, denominator, dimension, dimension_value)
-- for every row of the grid; dimension is NULL except for kpi_breakdowns rows.
SELECT 'bookings' AS kpi, level, entity_id, period_type, period_start,
  bookings AS value, CAST(NULL AS DOUBLE) AS numerator, CAST(NULL AS DOUBLE) AS denominator,
  CAST(NULL AS VARCHAR) AS dimension, CAST(NULL AS VARCHAR) AS dimension_value
FROM deal_stats
UNION ALL
SELECT 'bookings_growth_pct', level, entity_id, period_type, period_start,
  100 * (bookings - bookings_previous) / NULLIF(bookings_previous, 0), bookings - bookings_previous, bookings_previous,
  NULL, NULL
FROM deal_stats
