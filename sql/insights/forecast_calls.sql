-- forecast_calls: not written yet
SELECT CAST(NULL AS DATE) AS as_of,
  CAST(NULL AS VARCHAR) AS level,
  CAST(NULL AS VARCHAR) AS entity_id,
  CAST(NULL AS DATE) AS period_start,
  CAST(NULL AS DATE) AS period_end,
  CAST(NULL AS DOUBLE) AS quota,
  CAST(NULL AS DOUBLE) AS bookings,
  CAST(NULL AS DOUBLE) AS commit,
  CAST(NULL AS DOUBLE) AS best_case,
  CAST(NULL AS DOUBLE) AS pipeline,
  CAST(NULL AS DOUBLE) AS omitted,
  CAST(NULL AS DOUBLE) AS commit_forecast,
  CAST(NULL AS DOUBLE) AS best_case_forecast,
  CAST(NULL AS DOUBLE) AS weighted_forecast,
  CAST(NULL AS DOUBLE) AS gap_to_quota,
  CAST(NULL AS DOUBLE) AS coverage,
  CAST(NULL AS DOUBLE) AS forecast_accuracy_pct,
  CAST(NULL AS DOUBLE) AS forecast_bias_pct
FROM (VALUES (0)) AS t (x)
WHERE 1 = 0
