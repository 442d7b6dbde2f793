-- call_facts (level, entity_id, period_start, commit, best_case, pipeline,
-- omitted, start_forecast): per entity and reported quarter, what
-- forecast_calls needs besides the KPI tables.
-- The categories (row of Q only, else 0): Σ amount at D of the open deals
-- in Q's pipeline at D (close date at D in Q) by forecast category, leaving
-- out the deals the Opportunity already marks won (bookings count them).
-- start_forecast: F of forecast_accuracy_pct (sql/kpis/11_forecasting.sql),
-- the weighted pipeline known at the end of the day before the quarter began.
WITH /* @params */
quarter_deals AS (
  SELECT b.owner_id, b.forecast_category, b.amount
  FROM deal_book b
  CROSS JOIN insight_dates d
  WHERE b.is_open
    AND NOT b.marked_won
    AND b.close_date BETWEEN d.qs AND d.qe
),
categories AS (
  SELECT m.level, m.entity_id,
    SUM(CASE WHEN q.forecast_category = 'commit' THEN q.amount ELSE 0 END) AS commit_amount,
    SUM(CASE WHEN q.forecast_category = 'best_case' THEN q.amount ELSE 0 END) AS best_case_amount,
    SUM(CASE WHEN q.forecast_category = 'pipeline' THEN q.amount ELSE 0 END) AS pipeline_amount,
    SUM(CASE WHEN q.forecast_category = 'omitted' THEN q.amount ELSE 0 END) AS omitted_amount
  FROM quarter_deals q
  JOIN members m ON m.ae_id = q.owner_id
  GROUP BY m.level, m.entity_id
),
start_forecasts AS (
  SELECT m.level, m.entity_id, s.period_start, SUM(s.amount * s.probability / 100) AS start_forecast
  FROM open_states s
  JOIN periods p ON p.period_type = s.period_type AND p.period_start = s.period_start
  JOIN opp_facts o ON o.id = s.opportunity_id
  JOIN members m ON m.ae_id = o.owner_id
  WHERE s.period_type = 'quarter'
    AND s.moment = 'eve'
    AND s.close_date BETWEEN p.period_start AND p.full_end
  GROUP BY m.level, m.entity_id, s.period_start
)
SELECT g.level, g.entity_id, g.period_start,
  CASE WHEN g.period_start = d.qs THEN COALESCE(c.commit_amount, 0) ELSE 0 END AS commit_amount,
  CASE WHEN g.period_start = d.qs THEN COALESCE(c.best_case_amount, 0) ELSE 0 END AS best_case_amount,
  CASE WHEN g.period_start = d.qs THEN COALESCE(c.pipeline_amount, 0) ELSE 0 END AS pipeline_amount,
  CASE WHEN g.period_start = d.qs THEN COALESCE(c.omitted_amount, 0) ELSE 0 END AS omitted_amount,
  COALESCE(f.start_forecast, 0) AS start_forecast
FROM grid g
CROSS JOIN insight_dates d
LEFT JOIN categories c ON c.level = g.level AND c.entity_id = g.entity_id
LEFT JOIN start_forecasts f ON f.level = g.level AND f.entity_id = g.entity_id AND f.period_start = g.period_start
WHERE g.period_type = 'quarter'
