-- pipeline_movement: the waterfall of Q's pipeline per entity and window, all
-- 9 bars (0 and 0 when empty). start and end carry the amounts at t0 and t1;
-- the flows carry their signed change (won, lost, pushed, decreased negative),
-- so start + the flows = end; deals counts the deals of each bar.
WITH /* @params */
buckets AS (
  SELECT * FROM (VALUES
    ('start', 1), ('created', 2), ('pulled_in', 3), ('increased', 4), ('decreased', 5),
    ('won', 6), ('lost', 7), ('pushed', 8), ('end', 9)
  ) AS t (bucket, ordinal)
),
windows AS (
  SELECT * FROM (VALUES ('quarter', 1), ('week', 2)) AS t (window_name, ordinal)
),
bars AS (
  SELECT window_name, owner_id, 'start' AS bucket, amount_t0 AS amount FROM deal_movement WHERE in_t0
  UNION ALL
  SELECT window_name, owner_id, bucket, flow_amount AS amount FROM deal_movement WHERE bucket IS NOT NULL
  UNION ALL
  SELECT window_name, owner_id, 'end' AS bucket, amount_t1 AS amount FROM deal_movement WHERE in_t1
),
sums AS (
  SELECT m.level, m.entity_id, b.window_name, b.bucket, SUM(b.amount) AS amount, COUNT(*) AS deals
  FROM bars b
  JOIN members m ON m.ae_id = b.owner_id
  GROUP BY m.level, m.entity_id, b.window_name, b.bucket
)
SELECT d.as_of, e.level, e.entity_id, w.window_name AS "window", k.bucket,
  COALESCE(s.amount, 0) AS amount, CAST(COALESCE(s.deals, 0) AS INTEGER) AS deals
FROM entity_info e
CROSS JOIN windows w
CROSS JOIN buckets k
CROSS JOIN insight_dates d
LEFT JOIN sums s ON s.level = e.level AND s.entity_id = e.entity_id AND s.window_name = w.window_name AND s.bucket = k.bucket
ORDER BY CASE e.level WHEN 'ae' THEN 1 WHEN 'team' THEN 2 ELSE 3 END, e.entity_id, w.ordinal, k.ordinal
