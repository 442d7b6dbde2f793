-- Pipeline movement this quarter: each team's waterfall from the quarter's
-- start to the newest version (start + the flows = end).
WITH newest AS (
  SELECT MAX(as_of) AS as_of FROM pipeline_movement
)
SELECT e.name AS team, m.bucket, m.amount, m.deals
FROM pipeline_movement m
JOIN newest n ON n.as_of = m.as_of
JOIN entities e ON e.as_of = m.as_of AND e.level = m.level AND e.entity_id = m.entity_id
WHERE m.level = 'team'
  AND m."window" = 'quarter'
ORDER BY e.name,
  CASE m.bucket
    WHEN 'start' THEN 1 WHEN 'created' THEN 2 WHEN 'pulled_in' THEN 3 WHEN 'increased' THEN 4
    WHEN 'decreased' THEN 5 WHEN 'won' THEN 6 WHEN 'lost' THEN 7 WHEN 'pushed' THEN 8 ELSE 9
  END;
