-- pipeline_movement: not written yet
SELECT CAST(NULL AS DATE) AS as_of,
  CAST(NULL AS VARCHAR) AS level,
  CAST(NULL AS VARCHAR) AS entity_id,
  CAST(NULL AS VARCHAR) AS "window",
  CAST(NULL AS VARCHAR) AS bucket,
  CAST(NULL AS DOUBLE) AS amount,
  CAST(NULL AS INTEGER) AS deals
FROM (VALUES (0)) AS t (x)
WHERE 1 = 0
