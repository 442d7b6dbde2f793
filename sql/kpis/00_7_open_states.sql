-- open_states: each opportunity open at the end of pe ('end') and at the end
-- of the day before ps ('eve') of every period, with its amount, close date,
-- probability and stage (NULL when the row has none) at that moment (the KPI
-- catalog "Open at time t").
-- The state at t is the latest history row whose CreatedDate falls on or
-- before t (ties: greatest Id): a row holds from its own date until the date
-- of the next row (the last one for ever), so a later row of the same day
-- hides it. A state is open when its stage is not a configured closed stage
-- (a missing stage is not one).
WITH /* @params */
history AS (
  SELECT h.opportunity_id, h.stage_name, c.stage_name IS NULL AS is_open, COALESCE(h.amount, 0) AS amount, h.close_date,
    COALESCE(h.probability, 0) AS probability,
    CAST(h.created_date AS DATE) AS valid_from,
    COALESCE(
      lead(CAST(h.created_date AS DATE)) OVER (PARTITION BY h.opportunity_id ORDER BY h.created_date, h.id),
      DATE '9999-12-31'
    ) AS valid_until
  FROM opportunity_history h
  LEFT JOIN closed_stages c ON c.stage_name = h.stage_name
  WHERE h.created_date IS NOT NULL
    AND h.opportunity_id IN (SELECT id FROM opportunities)
),
moments AS (
  SELECT period_type, period_start, 'end' AS moment, period_end AS at_date
  FROM periods
  UNION ALL
  SELECT period_type, period_start, 'eve' AS moment, eve AS at_date
  FROM periods
)
SELECT m.period_type, m.period_start, m.moment, h.opportunity_id, h.amount, h.close_date, h.probability, h.stage_name
FROM moments m
JOIN history h ON h.valid_from <= m.at_date AND h.valid_until > m.at_date
WHERE h.is_open
