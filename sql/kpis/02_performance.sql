-- Family 2, account executive performance: quota, quota_attainment_pct,
-- deals_won, avg_deal_size, csat_avg.
-- quota sums the ForecastingQuota rows starting in the full period, also
-- for a period to date (not prorated); a NULL QuotaAmount counts as 0.
-- csat_avg averages the responses submitted in P (UTC date) on accounts E
-- owns now; a response without a score is not averaged.
WITH /* @params */
quotas AS (
  SELECT m.level, m.entity_id, p.period_type, p.period_start, SUM(COALESCE(q.quota_amount, 0)) AS quota
  FROM forecasting_quotas q
  JOIN members m ON m.ae_id = q.quota_owner_id
  JOIN periods p ON q.start_date BETWEEN p.period_start AND p.full_end
  GROUP BY m.level, m.entity_id, p.period_type, p.period_start
),
csat AS (
  SELECT m.level, m.entity_id, p.period_type, p.period_start,
    SUM(r.score) AS score_sum, CAST(COUNT(r.score) AS DOUBLE) AS responses
  FROM csat_responses r
  JOIN accounts a ON a.id = r.account_id
  JOIN members m ON m.ae_id = a.owner_id
  JOIN periods p ON CAST(r.submitted_at AS DATE) BETWEEN p.period_start AND p.period_end
  GROUP BY m.level, m.entity_id, p.period_type, p.period_start
),
stats AS (
  SELECT level, entity_id, period_type, period_start, d.bookings, d.deals_won,
    COALESCE(q.quota, 0) AS quota, COALESCE(c.score_sum, 0) AS score_sum, COALESCE(c.responses, 0) AS responses
  FROM deal_stats d
  LEFT JOIN quotas q USING (level, entity_id, period_type, period_start)
  LEFT JOIN csat c USING (level, entity_id, period_type, period_start)
)
SELECT 'quota' AS kpi, level, entity_id, period_type, period_start,
  quota AS value, CAST(NULL AS DOUBLE) AS numerator, CAST(NULL AS DOUBLE) AS denominator,
  CAST(NULL AS VARCHAR) AS dimension, CAST(NULL AS VARCHAR) AS dimension_value
FROM stats
UNION ALL
SELECT 'quota_attainment_pct', level, entity_id, period_type, period_start,
  100 * bookings / NULLIF(quota, 0), bookings, quota, NULL, NULL
FROM stats
UNION ALL
SELECT 'deals_won', level, entity_id, period_type, period_start, deals_won, NULL, NULL, NULL, NULL
FROM stats
UNION ALL
SELECT 'avg_deal_size', level, entity_id, period_type, period_start,
  bookings / NULLIF(deals_won, 0), bookings, deals_won, NULL, NULL
FROM stats
UNION ALL
SELECT 'csat_avg', level, entity_id, period_type, period_start,
  score_sum / NULLIF(responses, 0), score_sum, responses, NULL, NULL
FROM stats
