-- grid: one row per (entity, period) of the run; every KPI has exactly these rows.
WITH /* @params */
entity_ids AS (
  SELECT level, entity_id
  FROM entity_info
)
SELECT e.level, e.entity_id, p.period_type, p.period_start, p.period_end, p.full_end, p.eve,
  p.is_complete, p.has_ended
FROM entity_ids e
CROSS JOIN periods p
