-- forecast_names (name, category): every forecast category name the history
-- (up to D) or the opportunities carry, mapped case-insensitively with all whitespace
-- (spaces, tabs, no-break and the other Unicode spaces) removed:
-- Closed → closed; Commit, Forecast → commit; BestCase → best_case;
-- Pipeline → pipeline; Omitted → omitted; any other name → NULL (unknown:
-- the deal book then asks the next source).
WITH
names AS (
  SELECT forecast_category AS name FROM deal_history WHERE forecast_category IS NOT NULL
  UNION
  SELECT forecast_category_name AS name FROM opportunities WHERE forecast_category_name IS NOT NULL
),
squeezed AS (
  SELECT name,
    lower(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(name, chr(9), ''), chr(10), ''), chr(11), ''), chr(12), ''), chr(13), ''), chr(32), ''), chr(133), ''), chr(160), ''), chr(5760), ''), chr(8192), ''), chr(8193), ''), chr(8194), ''), chr(8195), ''), chr(8196), ''), chr(8197), ''), chr(8198), ''), chr(8199), ''), chr(8200), ''), chr(8201), ''), chr(8202), ''), chr(8232), ''), chr(8233), ''), chr(8239), ''), chr(8287), ''), chr(12288), '')) AS squeezed
  FROM names
)
SELECT name,
  CASE squeezed
    WHEN 'closed' THEN 'closed'
    WHEN 'commit' THEN 'commit'
    WHEN 'forecast' THEN 'commit'
    WHEN 'bestcase' THEN 'best_case'
    WHEN 'pipeline' THEN 'pipeline'
    WHEN 'omitted' THEN 'omitted'
  END AS category
FROM squeezed
