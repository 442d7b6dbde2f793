-- Current state of accounts: the latest version of each id (greatest
-- system_modstamp, NULL lowest; then the greater drop id; then the later line
-- of the file), and then records whose latest version is deleted are dropped.
-- Drop ids sort chronologically (2026-11-26, 2026-11-26T0200Z), so "greater"
-- is "later".
CREATE OR REPLACE VIEW accounts AS
SELECT
  id,
  name,
  owner_id,
  billing_country,
  billing_state,
  billing_city,
  billing_latitude,
  billing_longitude,
  industry,
  is_deleted,
  system_modstamp
FROM (
  SELECT
    r.*,
    row_number() OVER (
      PARTITION BY id
      ORDER BY system_modstamp DESC NULLS LAST, drop_id DESC, source_line DESC
    ) AS version_rank
  FROM raw_accounts AS r
) AS versions
WHERE version_rank = 1
  AND (is_deleted IS NULL OR NOT is_deleted)
