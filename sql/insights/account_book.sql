-- account_book: one row per account an AE owns, with what an account plan
-- needs (INSIGHTS "account_book"). D = as_of; Q = the quarter containing D
-- (qs its first day, pqs the first day of the quarter before); "the last 4
-- quarters" = the run's 4 quarters, first day of Q − 3 … D.
-- ARR and customer at t come from contract_spans, the definition family 4
-- uses: ARR at t = Σ ARR of the contracts active at t, a customer has ≥ 1.
-- Choices where the definition is silent: a case without a created date is
-- open from the start; CSAT and cases count on the UTC date of their
-- timestamp; a response without a score is not averaged; families count only
-- line items whose product has a Family (fine print 5). Lists are sorted by
-- code point and joined with ','; an empty list is NULL.
WITH /* @params */
dates AS (
  SELECT r.as_of AS d, q.period_start AS qs, q.eve AS pqe, q.prev_start AS pqs, f.first_qs
  FROM run_params r
  CROSS JOIN periods q
  CROSS JOIN (SELECT MIN(period_start) AS first_qs FROM periods WHERE period_type = 'quarter') f
  WHERE q.period_type = 'quarter'
    AND q.period_end = r.as_of
),
book AS (
  SELECT a.id AS account_id, a.name, a.owner_id, e.team_id, a.billing_country AS country, a.billing_state AS state,
    a.industry
  FROM accounts a
  JOIN entity_info e ON e.level = 'ae' AND e.entity_id = a.owner_id
),
arr_at AS (
  SELECT c.account_id,
    SUM(CASE WHEN c.start_date <= d.d AND (c.end_date IS NULL OR c.end_date >= d.d) THEN c.arr ELSE 0 END) AS arr,
    SUM(CASE WHEN c.start_date <= d.d AND (c.end_date IS NULL OR c.end_date >= d.d) THEN 1 ELSE 0 END) AS n,
    SUM(CASE WHEN c.start_date <= d.qs AND (c.end_date IS NULL OR c.end_date >= d.qs) THEN c.arr ELSE 0 END) AS arr_qs,
    SUM(CASE WHEN c.start_date <= d.qs AND (c.end_date IS NULL OR c.end_date >= d.qs) THEN 1 ELSE 0 END) AS n_qs,
    SUM(CASE WHEN c.start_date <= d.pqs AND (c.end_date IS NULL OR c.end_date >= d.pqs) THEN c.arr ELSE 0 END) AS arr_pqs,
    SUM(CASE WHEN c.start_date <= d.pqs AND (c.end_date IS NULL OR c.end_date >= d.pqs) THEN 1 ELSE 0 END) AS n_pqs,
    SUM(CASE WHEN c.start_date <= d.pqe AND (c.end_date IS NULL OR c.end_date >= d.pqe) THEN 1 ELSE 0 END) AS n_pqe,
    -- active at D with an end: that end is ≥ D
    MIN(CASE WHEN c.start_date <= d.d AND c.end_date >= d.d THEN c.end_date END) AS renewal_date
  FROM contract_spans c
  CROSS JOIN dates d
  GROUP BY c.account_id
),
open_cases AS (
  SELECT c.account_id, CAST(COUNT(*) AS INTEGER) AS open_cases
  FROM cases c
  CROSS JOIN dates d
  WHERE (c.created_date IS NULL OR CAST(c.created_date AS DATE) <= d.d)
    AND NOT (COALESCE(c.is_closed, FALSE) AND c.closed_date IS NOT NULL AND CAST(c.closed_date AS DATE) <= d.d)
  GROUP BY c.account_id
),
csat AS (
  SELECT r.account_id, AVG(r.score) AS csat_avg_90d
  FROM csat_responses r
  CROSS JOIN dates d
  WHERE date_diff('day', CAST(r.submitted_at AS DATE), d.d) BETWEEN 0 AND 89
    AND r.score IS NOT NULL
  GROUP BY r.account_id
),
activity AS (
  SELECT account_id, owner_id, activity_date FROM tasks WHERE account_id IS NOT NULL
  UNION ALL
  SELECT account_id, owner_id, activity_date FROM events WHERE account_id IS NOT NULL
),
last_touch AS (
  SELECT b.account_id, MAX(x.activity_date) AS last_activity_date
  FROM book b
  JOIN activity x ON x.account_id = b.account_id AND x.owner_id = b.owner_id
  CROSS JOIN dates d
  WHERE x.activity_date <= d.d
  GROUP BY b.account_id
),
-- open_states at moment 'end' of the running quarter is the state at D
pipeline AS (
  SELECT o.account_id, SUM(s.amount) AS open_pipeline
  FROM open_states s
  JOIN dates d ON s.period_start = d.qs
  JOIN opportunities o ON o.id = s.opportunity_id
  WHERE s.period_type = 'quarter'
    AND s.moment = 'end'
  GROUP BY o.account_id
),
owned AS (
  SELECT DISTINCT o.account_id, f.family
  FROM opp_facts o
  JOIN opp_families f ON f.opportunity_id = o.id
  CROSS JOIN dates d
  WHERE o.is_won
    AND o.close_date <= d.d
),
sold AS (
  SELECT DISTINCT f.family
  FROM opp_facts o
  JOIN members m ON m.level = 'ae' AND m.ae_id = o.owner_id
  JOIN opp_families f ON f.opportunity_id = o.id
  CROSS JOIN dates d
  WHERE o.is_won
    AND o.close_date BETWEEN d.first_qs AND d.d
),
families_owned AS (
  SELECT account_id, array_join(array_agg(family ORDER BY family), ',') AS families_owned
  FROM owned
  GROUP BY account_id
),
whitespace AS (
  SELECT b.account_id, array_join(array_agg(s.family ORDER BY s.family), ',') AS whitespace
  FROM book b
  CROSS JOIN sold s
  LEFT JOIN owned w ON w.account_id = b.account_id AND w.family = s.family
  WHERE w.family IS NULL
  GROUP BY b.account_id
)
SELECT d.d AS as_of, b.account_id, b.name, b.owner_id, b.team_id, b.country, b.state, b.industry,
  CAST(COALESCE(r.arr, 0) AS DOUBLE) AS arr,
  COALESCE(r.n, 0) > 0 AS customer,
  CAST(COALESCE(r.arr_qs, 0) AS DOUBLE) AS arr_qs,
  COALESCE(r.n_qs, 0) > 0 AS customer_qs,
  CAST(COALESCE(r.arr_pqs, 0) AS DOUBLE) AS arr_pqs,
  COALESCE(r.n_pqs, 0) > 0 AS customer_pqs,
  COALESCE(r.n_pqe, 0) > 0 AS customer_pqe,
  r.renewal_date,
  COALESCE(c.open_cases, 0) AS open_cases,
  CAST(s.csat_avg_90d AS DOUBLE) AS csat_avg_90d,
  t.last_activity_date,
  CAST(COALESCE(p.open_pipeline, 0) AS DOUBLE) AS open_pipeline,
  o.families_owned,
  w.whitespace
FROM book b
CROSS JOIN dates d
LEFT JOIN arr_at r ON r.account_id = b.account_id
LEFT JOIN open_cases c ON c.account_id = b.account_id
LEFT JOIN csat s ON s.account_id = b.account_id
LEFT JOIN last_touch t ON t.account_id = b.account_id
LEFT JOIN pipeline p ON p.account_id = b.account_id
LEFT JOIN families_owned o ON o.account_id = b.account_id
LEFT JOIN whitespace w ON w.account_id = b.account_id
ORDER BY b.owner_id, b.account_id
