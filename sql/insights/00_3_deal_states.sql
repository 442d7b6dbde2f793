-- deal_states: each opportunity's state at the moments the insight tables
-- compare (KPIS.md "Open at time t": the latest history row dated on or
-- before t, ties by CreatedDate then greatest Id): 'now' (D), 'quarter_eve'
-- (qs − 1) and 'week_eve' (D − 7). An opportunity without a row by then has
-- no state at that moment (no row here).
WITH /* @params */
moments AS (
  SELECT 'now' AS moment, as_of AS at_date FROM insight_dates
  UNION ALL
  SELECT 'quarter_eve' AS moment, q_eve AS at_date FROM insight_dates
  UNION ALL
  SELECT 'week_eve' AS moment, week_eve AS at_date FROM insight_dates
),
ranked AS (
  SELECT m.moment, m.at_date, h.opportunity_id, h.seq, h.stage_name, h.is_open, h.amount, h.close_date,
    h.probability, h.forecast_category,
    row_number() OVER (PARTITION BY m.moment, h.opportunity_id ORDER BY h.seq DESC) AS recency
  FROM moments m
  JOIN deal_history h ON h.created_on <= m.at_date
)
SELECT moment, at_date, opportunity_id, seq, stage_name, is_open, amount, close_date, probability, forecast_category
FROM ranked
WHERE recency = 1
