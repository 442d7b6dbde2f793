-- pipeline_movement_deals: not written yet
SELECT CAST(NULL AS DATE) AS as_of,
  CAST(NULL AS VARCHAR) AS "window",
  CAST(NULL AS VARCHAR) AS opportunity_id,
  CAST(NULL AS VARCHAR) AS owner_id,
  CAST(NULL AS VARCHAR) AS bucket,
  CAST(NULL AS DOUBLE) AS amount_t0,
  CAST(NULL AS DOUBLE) AS amount_t1
FROM (VALUES (0)) AS t (x)
WHERE 1 = 0
