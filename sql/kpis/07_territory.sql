-- Family 7, territory coverage: accounts_owned, accounts_touched,
-- accounts_visited, coverage_pct, and their kpi_breakdowns rows by
-- country and country_state.
-- Pooling is literal (fine print 2): E's accounts are those any member owns
-- now, E's activities those any member owns, joined on the activity's
-- AccountId (no WhatId lookup). Only events can be visits: an event whose
-- Type is a configured visit type. Breakdowns have one row per dimension
-- value among E's accounts ('Unknown' for a missing part), for every period.
WITH /* @params */
entity_accounts AS (
  SELECT m.level, m.entity_id, a.id AS account_id,
    COALESCE(a.billing_country, 'Unknown') AS country,
    COALESCE(a.billing_country, 'Unknown') || ' / ' || COALESCE(a.billing_state, 'Unknown') AS country_state
  FROM accounts a
  JOIN members m ON m.ae_id = a.owner_id
),
activity AS (
  SELECT owner_id, account_id, activity_date, FALSE AS is_visit
  FROM tasks
  WHERE account_id IS NOT NULL
  UNION ALL
  SELECT owner_id, account_id, activity_date, type IN (SELECT event_type FROM visit_types) AS is_visit
  FROM events
  WHERE account_id IS NOT NULL
),
touches AS (
  SELECT m.level, m.entity_id, p.period_type, p.period_start, a.account_id,
    MAX(CASE WHEN a.is_visit THEN 1 ELSE 0 END) AS visited
  FROM activity a
  JOIN members m ON m.ae_id = a.owner_id
  JOIN periods p ON a.activity_date BETWEEN p.period_start AND p.period_end
  GROUP BY m.level, m.entity_id, p.period_type, p.period_start, a.account_id
),
account_periods AS (
  SELECT g.level, g.entity_id, g.period_type, g.period_start, e.account_id, e.country, e.country_state,
    CASE WHEN t.account_id IS NULL THEN 0 ELSE 1 END AS touched,
    COALESCE(t.visited, 0) AS visited
  FROM grid g
  JOIN entity_accounts e ON e.level = g.level AND e.entity_id = g.entity_id
  LEFT JOIN touches t
    ON t.level = g.level AND t.entity_id = g.entity_id AND t.period_type = g.period_type
    AND t.period_start = g.period_start AND t.account_id = e.account_id
),
totals AS (
  SELECT level, entity_id, period_type, period_start,
    CAST(COUNT(*) AS DOUBLE) AS accounts_owned,
    CAST(SUM(touched) AS DOUBLE) AS accounts_touched,
    CAST(SUM(visited) AS DOUBLE) AS accounts_visited
  FROM account_periods
  GROUP BY level, entity_id, period_type, period_start
),
stats AS (
  SELECT g.level, g.entity_id, g.period_type, g.period_start,
    COALESCE(t.accounts_owned, 0) AS accounts_owned,
    COALESCE(t.accounts_touched, 0) AS accounts_touched,
    COALESCE(t.accounts_visited, 0) AS accounts_visited
  FROM grid g
  LEFT JOIN totals t
    ON t.level = g.level AND t.entity_id = g.entity_id AND t.period_type = g.period_type AND t.period_start = g.period_start
),
by_dimension AS (
  SELECT level, entity_id, period_type, period_start, 'country' AS dimension, country AS dimension_value,
    CAST(COUNT(*) AS DOUBLE) AS accounts_owned, CAST(SUM(touched) AS DOUBLE) AS accounts_touched
  FROM account_periods
  GROUP BY level, entity_id, period_type, period_start, country
  UNION ALL
  SELECT level, entity_id, period_type, period_start, 'country_state' AS dimension, country_state AS dimension_value,
    CAST(COUNT(*) AS DOUBLE) AS accounts_owned, CAST(SUM(touched) AS DOUBLE) AS accounts_touched
  FROM account_periods
  GROUP BY level, entity_id, period_type, period_start, country_state
)
SELECT 'accounts_owned' AS kpi, level, entity_id, period_type, period_start,
  accounts_owned AS value, CAST(NULL AS DOUBLE) AS numerator, CAST(NULL AS DOUBLE) AS denominator,
  CAST(NULL AS VARCHAR) AS dimension, CAST(NULL AS VARCHAR) AS dimension_value
FROM stats
UNION ALL
SELECT 'accounts_touched', level, entity_id, period_type, period_start, accounts_touched, NULL, NULL, NULL, NULL
FROM stats
UNION ALL
SELECT 'accounts_visited', level, entity_id, period_type, period_start, accounts_visited, NULL, NULL, NULL, NULL
FROM stats
UNION ALL
SELECT 'coverage_pct', level, entity_id, period_type, period_start,
  100 * accounts_touched / NULLIF(accounts_owned, 0), accounts_touched, accounts_owned, NULL, NULL
FROM stats
UNION ALL
SELECT 'accounts_owned', level, entity_id, period_type, period_start, accounts_owned, NULL, NULL,
  dimension, dimension_value
FROM by_dimension
UNION ALL
SELECT 'accounts_touched', level, entity_id, period_type, period_start, accounts_touched, NULL, NULL,
  dimension, dimension_value
FROM by_dimension
