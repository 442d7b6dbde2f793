-- pipeline_movement_deals: one row per deal and waterfall bar it is in: `start`
-- when in Q's pipeline at t0, `end` when in at t1, and its flow bucket when
-- it has one (00_7_deal_movement.sql); amount_t0 / amount_t1 are NULL at an
-- end where the deal is outside Q's pipeline.
WITH /* @params */
bars AS (
  SELECT window_name, opportunity_id, owner_id, 'start' AS bucket, amount_t0, amount_t1, 1 AS bar
  FROM deal_movement WHERE in_t0
  UNION ALL
  SELECT window_name, opportunity_id, owner_id, bucket, amount_t0, amount_t1, 2 AS bar
  FROM deal_movement WHERE bucket IS NOT NULL
  UNION ALL
  SELECT window_name, opportunity_id, owner_id, 'end' AS bucket, amount_t0, amount_t1, 3 AS bar
  FROM deal_movement WHERE in_t1
)
SELECT d.as_of, b.window_name AS "window", b.opportunity_id, b.owner_id, b.bucket, b.amount_t0, b.amount_t1
FROM bars b
CROSS JOIN insight_dates d
ORDER BY b.window_name, b.opportunity_id, b.bar
