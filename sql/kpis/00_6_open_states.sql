-- open_states: each opportunity open at the end of pe ('end') and at the end
-- of the day before ps ('eve') of every period, with its amount, close date
-- and probability at that moment (KPIS.md "Open at time t").
-- The state at t is the latest history row whose CreatedDate falls on or
-- before t (ties: greatest Id): a row holds from its own date until the date
-- of the next row, so a later row of the same day hides it.
WITH /* @params */
history AS (
  SELECT h.opportunity_id, h.stage_name, COALESCE(h.amount, 0) AS amount, h.close_date,
    COALESCE(h.probability, 0) AS probability,
    CAST(h.created_date AS DATE) AS valid_from,
    lead(CAST(h.created_date AS DATE)) OVER (
      PARTITION BY h.opportunity_id ORDER BY h.created_date, h.id
    ) AS valid_until
  FROM opportunity_history h
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
SELECT m.period_type, m.period_start, m.moment, h.opportunity_id, h.amount, h.close_date, h.probability
FROM moments m
JOIN history h ON h.valid_from <= m.at_date AND (h.valid_until IS NULL OR h.valid_until > m.at_date)
WHERE NOT EXISTS (SELECT 1 FROM closed_stages c WHERE c.stage_name = h.stage_name)
