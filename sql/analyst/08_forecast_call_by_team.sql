-- The forecast call of this quarter per team, in the newest version: commit
-- and best-case forecasts against quota, and what is left to find.
WITH newest AS (
  SELECT MAX(as_of) AS as_of FROM forecast_calls
)
SELECT e.name AS team, c.quota, c.bookings, c."commit", c.best_case, c.pipeline,
  c.commit_forecast, c.best_case_forecast, c.weighted_forecast, c.gap_to_quota, c.coverage
FROM forecast_calls c
JOIN newest n ON n.as_of = c.as_of
JOIN entities e ON e.as_of = c.as_of AND e.level = c.level AND e.entity_id = c.entity_id
WHERE c.level = 'team'
  AND c.quota IS NOT NULL
ORDER BY c.gap_to_quota DESC;
