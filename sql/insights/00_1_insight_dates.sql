-- insight_dates: the dates of the insight tables' notation, one row.
-- qs / qe: first and last day of Q, the quarter containing D; q_eve = qs − 1
-- (t0 of the quarter window); pqs = first day of the quarter before;
-- week_eve = D − 7 (t0 of the week window); recent_from = D − 13 (the first
-- day an activity is still recent); reported_start = first day of the
-- 4 reported quarters ("the last 4 quarters").
WITH /* @params */
quarters AS (
  SELECT period_start, full_end, eve, prev_start
  FROM periods
  WHERE period_type = 'quarter'
),
first_quarter AS (
  SELECT MIN(period_start) AS reported_start
  FROM quarters
)
SELECT r.as_of, q.period_start AS qs, q.full_end AS qe, q.eve AS q_eve, q.prev_start AS pqs,
  CAST(r.as_of - INTERVAL '7' DAY AS DATE) AS week_eve,
  CAST(r.as_of - INTERVAL '13' DAY AS DATE) AS recent_from,
  f.reported_start
FROM run_params r
JOIN quarters q ON q.period_start <= r.as_of AND q.full_end >= r.as_of
CROSS JOIN first_quarter f
