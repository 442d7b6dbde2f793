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
-- accounts each owner touched in each period, before fanning out to the
-- entities that pool the owner: most activities repeat an (owner, account,
-- period), and grouping them once here keeps the next GROUP BY small
owner_touches AS (
  SELECT a.owner_id, a.account_id, p.period_type, p.period_start,
    MAX(CASE WHEN a.is_visit THEN 1 ELSE 0 END) AS visited
  FROM activity a
  JOIN periods p ON a.activity_date BETWEEN p.period_start AND p.period_end
  GROUP BY a.owner_id, a.account_id, p.period_type, p.period_start
),
touches AS (
  SELECT m.level, m.entity_id, t.period_type, t.period_start, t.account_id, MAX(t.visited) AS visited
  FROM owner_touches t
  JOIN members m ON m.ae_id = t.owner_id
  GROUP BY m.level, m.entity_id, t.period_type, t.period_start, t.account_id
),
-- E's own accounts that E's activities touched in P. Ownership does not
-- depend on the period, so counts of owned accounts are taken once per
-- entity, and only touched accounts are carried per period (a grid ×
-- accounts cross product was 10.7M rows at 1,000 AEs, most of compute's
-- memory: test/bench/README.md).
owned_touches AS (
  SELECT t.level, t.entity_id, t.period_type, t.period_start, e.country, e.country_state, t.visited
  FROM touches t
  JOIN entity_accounts e ON e.level = t.level AND e.entity_id = t.entity_id AND e.account_id = t.account_id
),
owned AS (
  SELECT level, entity_id, CAST(COUNT(*) AS DOUBLE) AS accounts_owned
  FROM entity_accounts
  GROUP BY level, entity_id
),
touched AS (
  SELECT level, entity_id, period_type, period_start,
    CAST(COUNT(*) AS DOUBLE) AS accounts_touched,
    CAST(SUM(visited) AS DOUBLE) AS accounts_visited
  FROM owned_touches
  GROUP BY level, entity_id, period_type, period_start
),
stats AS (
  SELECT g.level, g.entity_id, g.period_type, g.period_start,
    COALESCE(o.accounts_owned, 0) AS accounts_owned,
    COALESCE(t.accounts_touched, 0) AS accounts_touched,
    COALESCE(t.accounts_visited, 0) AS accounts_visited
  FROM grid g
  LEFT JOIN owned o ON o.level = g.level AND o.entity_id = g.entity_id
  LEFT JOIN touched t
    ON t.level = g.level AND t.entity_id = g.entity_id AND t.period_type = g.period_type AND t.period_start = g.period_start
),
owned_by_dimension AS (
  SELECT level, entity_id, 'country' AS dimension, country AS dimension_value, CAST(COUNT(*) AS DOUBLE) AS accounts_owned
  FROM entity_accounts
  GROUP BY level, entity_id, country
  UNION ALL
  SELECT level, entity_id, 'country_state' AS dimension, country_state AS dimension_value, CAST(COUNT(*) AS DOUBLE) AS accounts_owned
  FROM entity_accounts
  GROUP BY level, entity_id, country_state
),
touched_by_dimension AS (
  SELECT level, entity_id, period_type, period_start, 'country' AS dimension, country AS dimension_value,
    CAST(COUNT(*) AS DOUBLE) AS accounts_touched
  FROM owned_touches
  GROUP BY level, entity_id, period_type, period_start, country
  UNION ALL
  SELECT level, entity_id, period_type, period_start, 'country_state' AS dimension, country_state AS dimension_value,
    CAST(COUNT(*) AS DOUBLE) AS accounts_touched
  FROM owned_touches
  GROUP BY level, entity_id, period_type, period_start, country_state
),
by_dimension AS (
  SELECT g.level, g.entity_id, g.period_type, g.period_start, o.dimension, o.dimension_value, o.accounts_owned,
    COALESCE(t.accounts_touched, 0) AS accounts_touched
  FROM grid g
  JOIN owned_by_dimension o ON o.level = g.level AND o.entity_id = g.entity_id
  LEFT JOIN touched_by_dimension t
    ON t.level = g.level AND t.entity_id = g.entity_id AND t.period_type = g.period_type
    AND t.period_start = g.period_start AND t.dimension = o.dimension AND t.dimension_value = o.dimension_value
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
