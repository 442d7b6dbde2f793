-- Family 11, forecasting: weighted_pipeline, forecast, forecast_accuracy_pct.
-- weighted_pipeline: Σ amount × probability / 100 at the end of pe over E's
-- opportunities open then whose close date then lies in the full period.
-- forecast_accuracy_pct: F is the same sum as known at the end of the day
-- before ps, A = bookings(P); max(0, 1 − |A − F| / A) × 100, only for
-- periods whose last day is before D, NULL when A = 0 (fine print 12).
WITH /* @params */
weighted AS (
  SELECT m.level, m.entity_id, s.period_type, s.period_start, s.moment,
    SUM(s.amount * s.probability / 100) AS weighted_pipeline
  FROM open_states s
  JOIN periods p ON p.period_type = s.period_type AND p.period_start = s.period_start
  JOIN opp_facts o ON o.id = s.opportunity_id
  JOIN members m ON m.ae_id = o.owner_id
  WHERE s.close_date BETWEEN p.period_start AND p.full_end
  GROUP BY m.level, m.entity_id, s.period_type, s.period_start, s.moment
),
stats AS (
  SELECT g.level, g.entity_id, g.period_type, g.period_start, g.has_ended, d.bookings,
    COALESCE(w.weighted_pipeline, 0) AS weighted_pipeline,
    COALESCE(f.weighted_pipeline, 0) AS start_forecast
  FROM grid g
  JOIN deal_stats d
    ON d.level = g.level AND d.entity_id = g.entity_id AND d.period_type = g.period_type AND d.period_start = g.period_start
  LEFT JOIN weighted w
    ON w.level = g.level AND w.entity_id = g.entity_id AND w.period_type = g.period_type
    AND w.period_start = g.period_start AND w.moment = 'end'
  LEFT JOIN weighted f
    ON f.level = g.level AND f.entity_id = g.entity_id AND f.period_type = g.period_type
    AND f.period_start = g.period_start AND f.moment = 'eve'
)
SELECT 'weighted_pipeline' AS kpi, level, entity_id, period_type, period_start,
  weighted_pipeline AS value, CAST(NULL AS DOUBLE) AS numerator, CAST(NULL AS DOUBLE) AS denominator,
  CAST(NULL AS VARCHAR) AS dimension, CAST(NULL AS VARCHAR) AS dimension_value
FROM stats
UNION ALL
SELECT 'forecast', level, entity_id, period_type, period_start, bookings + weighted_pipeline, NULL, NULL, NULL, NULL
FROM stats
UNION ALL
SELECT 'forecast_accuracy_pct', level, entity_id, period_type, period_start,
  CASE
    WHEN has_ended AND bookings <> 0
      THEN GREATEST(CAST(0 AS DOUBLE), 1 - ABS(bookings - start_forecast) / bookings) * 100
  END,
  NULL, NULL, NULL, NULL
FROM stats
