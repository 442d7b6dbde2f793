-- Current state of coaching_feedback: one row per feedback_id, the one of the greatest drop
-- id (drop ids sort chronologically, so the later drop wins), then the later
-- line of the file.
CREATE OR REPLACE VIEW coaching_feedback AS
SELECT
  feedback_id,
  given_at,
  giver_id,
  receiver_id,
  rating,
  channel
FROM (
  SELECT
    r.*,
    row_number() OVER (PARTITION BY feedback_id ORDER BY drop_id DESC, source_line DESC) AS version_rank
  FROM raw_coaching_feedback AS r
) AS versions
WHERE version_rank = 1
