-- Family 4, customer retention: customers_start, logo_churn_pct, grr_pct,
-- nrr_pct, upsell_win_rate_pct, cross_sell_win_rate_pct (csat_avg is
-- family 2's).
-- Active contracts, ARR and customers at t as the KPI catalog defines them
-- (contract_spans, 00_10_contract_spans.sql): ARR at t = Σ ARR of the
-- account's contracts active at t; a customer at t has ≥ 1. The accounts
-- are those E owns now; retention compares ps with pe (D for a period to date).
WITH /* @params */
account_arr AS (
  SELECT p.period_type, p.period_start, c.account_id,
    SUM(CASE WHEN c.start_date <= p.period_start AND (c.end_date IS NULL OR c.end_date >= p.period_start) THEN 1 ELSE 0 END)
      AS contracts_start,
    SUM(CASE WHEN c.start_date <= p.period_start AND (c.end_date IS NULL OR c.end_date >= p.period_start) THEN c.arr ELSE 0 END)
      AS arr_start,
    SUM(CASE WHEN c.start_date <= p.period_end AND (c.end_date IS NULL OR c.end_date >= p.period_end) THEN 1 ELSE 0 END)
      AS contracts_end,
    SUM(CASE WHEN c.start_date <= p.period_end AND (c.end_date IS NULL OR c.end_date >= p.period_end) THEN c.arr ELSE 0 END)
      AS arr_end
  FROM contract_spans c
  CROSS JOIN periods p
  GROUP BY p.period_type, p.period_start, c.account_id
),
customers AS (
  SELECT m.level, m.entity_id, r.period_type, r.period_start,
    CAST(COUNT(*) AS DOUBLE) AS customers_start,
    CAST(SUM(CASE WHEN r.contracts_end = 0 THEN 1 ELSE 0 END) AS DOUBLE) AS churned,
    SUM(r.arr_start) AS arr_start,
    SUM(LEAST(r.arr_start, r.arr_end)) AS arr_kept,
    SUM(r.arr_end) AS arr_end
  FROM account_arr r
  JOIN accounts a ON a.id = r.account_id
  JOIN members m ON m.ae_id = a.owner_id
  WHERE r.contracts_start > 0
  GROUP BY m.level, m.entity_id, r.period_type, r.period_start
),
stats AS (
  SELECT level, entity_id, period_type, period_start,
    COALESCE(c.customers_start, 0) AS customers_start, COALESCE(c.churned, 0) AS churned,
    COALESCE(c.arr_start, 0) AS arr_start, COALESCE(c.arr_kept, 0) AS arr_kept, COALESCE(c.arr_end, 0) AS arr_end,
    d.upsell_won, d.upsell_closed, d.cross_sell_won, d.cross_sell_closed
  FROM deal_stats d
  LEFT JOIN customers c USING (level, entity_id, period_type, period_start)
)
SELECT 'customers_start' AS kpi, level, entity_id, period_type, period_start,
  customers_start AS value, CAST(NULL AS DOUBLE) AS numerator, CAST(NULL AS DOUBLE) AS denominator,
  CAST(NULL AS VARCHAR) AS dimension, CAST(NULL AS VARCHAR) AS dimension_value
FROM stats
UNION ALL
SELECT 'logo_churn_pct', level, entity_id, period_type, period_start,
  100 * churned / NULLIF(customers_start, 0), churned, customers_start, NULL, NULL
FROM stats
UNION ALL
SELECT 'grr_pct', level, entity_id, period_type, period_start,
  100 * arr_kept / NULLIF(arr_start, 0), arr_kept, arr_start, NULL, NULL
FROM stats
UNION ALL
SELECT 'nrr_pct', level, entity_id, period_type, period_start,
  100 * arr_end / NULLIF(arr_start, 0), arr_end, arr_start, NULL, NULL
FROM stats
UNION ALL
SELECT 'upsell_win_rate_pct', level, entity_id, period_type, period_start,
  100 * upsell_won / NULLIF(upsell_closed, 0), upsell_won, upsell_closed, NULL, NULL
FROM stats
UNION ALL
SELECT 'cross_sell_win_rate_pct', level, entity_id, period_type, period_start,
  100 * cross_sell_won / NULLIF(cross_sell_closed, 0), cross_sell_won, cross_sell_closed, NULL, NULL
FROM stats
