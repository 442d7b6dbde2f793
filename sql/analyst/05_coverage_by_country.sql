-- Territory coverage of the org by billing country in the newest month of
-- the newest version: accounts owned, accounts touched and their ratio.
WITH newest AS (
  SELECT as_of, MAX(period_start) AS month_start
  FROM kpi_breakdowns
  WHERE period_type = 'month'
    AND as_of IN (SELECT MAX(as_of) FROM kpi_breakdowns)
  GROUP BY as_of
)
SELECT o.dimension_value AS country, o.value AS accounts_owned, t.value AS accounts_touched,
  100 * t.value / NULLIF(o.value, 0) AS coverage_pct
FROM kpi_breakdowns o
JOIN newest n ON n.as_of = o.as_of AND n.month_start = o.period_start
JOIN kpi_breakdowns t
  ON t.as_of = o.as_of AND t.level = o.level AND t.entity_id = o.entity_id AND t.period_type = o.period_type
  AND t.period_start = o.period_start AND t.dimension = o.dimension AND t.dimension_value = o.dimension_value
  AND t.kpi = 'accounts_touched'
WHERE o.kpi = 'accounts_owned'
  AND o.level = 'org'
  AND o.dimension = 'country'
  AND o.period_type = 'month'
ORDER BY accounts_owned DESC, country;
