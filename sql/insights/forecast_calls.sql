-- forecast_calls: the call of Q per entity (quota, bookings, the category
-- sums, the forecasts, gap and coverage), and for each of the 3 reported
-- quarters before Q only the forecast accuracy and its signed bias
-- (F − A) / A × 100 (positive = over-called; NULL when A = 0). Reads the
-- run's kpi_values, so on Athena it runs after the staged KPI rows
-- (sql/insights/README.md).
WITH
kpis AS (
  SELECT level, entity_id, period_start, period_end,
    MAX(CASE WHEN kpi = 'quota' THEN value END) AS quota,
    MAX(CASE WHEN kpi = 'bookings' THEN value END) AS bookings,
    MAX(CASE WHEN kpi = 'forecast' THEN value END) AS forecast,
    MAX(CASE WHEN kpi = 'forecast_accuracy_pct' THEN value END) AS accuracy
  FROM kpi_values
  WHERE period_type = 'quarter'
    AND kpi IN ('quota', 'bookings', 'forecast', 'forecast_accuracy_pct')
  GROUP BY level, entity_id, period_start, period_end
),
calls AS (
  SELECT k.*, c.commit_amount, c.best_case_amount, c.pipeline_amount, c.omitted_amount, c.start_forecast,
    k.period_start = d.qs AS is_current, d.as_of
  FROM kpis k
  CROSS JOIN insight_dates d
  JOIN call_facts c ON c.level = k.level AND c.entity_id = k.entity_id AND c.period_start = k.period_start
)
SELECT as_of, level, entity_id, period_start, period_end,
  CASE WHEN is_current THEN quota END AS quota,
  CASE WHEN is_current THEN bookings END AS bookings,
  CASE WHEN is_current THEN commit_amount END AS "commit",
  CASE WHEN is_current THEN best_case_amount END AS best_case,
  CASE WHEN is_current THEN pipeline_amount END AS pipeline,
  CASE WHEN is_current THEN omitted_amount END AS omitted,
  CASE WHEN is_current THEN bookings + commit_amount END AS commit_forecast,
  CASE WHEN is_current THEN bookings + commit_amount + best_case_amount END AS best_case_forecast,
  CASE WHEN is_current THEN forecast END AS weighted_forecast,
  CASE WHEN is_current THEN quota - (bookings + commit_amount) END AS gap_to_quota,
  CASE
    WHEN is_current AND quota - bookings > 0
      THEN (commit_amount + best_case_amount + pipeline_amount) / (quota - bookings)
  END AS coverage,
  CASE WHEN NOT is_current THEN accuracy END AS forecast_accuracy_pct,
  CASE WHEN NOT is_current AND bookings <> 0 THEN (start_forecast - bookings) / bookings * 100 END AS forecast_bias_pct
FROM calls
ORDER BY CASE level WHEN 'ae' THEN 1 WHEN 'team' THEN 2 ELSE 3 END, entity_id, is_current DESC, period_start
