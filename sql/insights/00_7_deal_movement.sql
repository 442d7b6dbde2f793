-- deal_movement: every AE opportunity in the pipeline of Q at t0 or at t1 = D
-- of each window ('quarter': t0 = qs − 1; 'week': t0 = D − 7), with its
-- amount at each end where it is in (NULL where not) and its flow bucket
-- (NULL when it is in at both ends with the same amount). The pipeline of Q
-- at t = the opportunities open at t whose close date at t is in Q.
-- Opportunities count by their current owner; a deleted one is in neither end.
WITH /* @params */
windows AS (
  SELECT w.window_name, w.moment, CASE w.moment WHEN 'quarter_eve' THEN d.q_eve ELSE d.week_eve END AS t0
  FROM (VALUES ('quarter', 'quarter_eve'), ('week', 'week_eve')) AS w (window_name, moment)
  CROSS JOIN insight_dates d
),
ends AS (
  SELECT w.window_name, w.t0, o.id AS opportunity_id, o.owner_id, o.created_date, o.is_won AS marked_won,
    COALESCE(a.is_open AND a.close_date BETWEEN d.qs AND d.qe, FALSE) AS in_t0,
    COALESCE(b.is_open AND b.close_date BETWEEN d.qs AND d.qe, FALSE) AS in_t1,
    a.amount AS state_amount_t0, b.amount AS state_amount_t1, COALESCE(b.is_open, FALSE) AS open_t1
  FROM windows w
  CROSS JOIN insight_dates d
  CROSS JOIN opp_facts o
  LEFT JOIN deal_states a ON a.moment = w.moment AND a.opportunity_id = o.id
  LEFT JOIN deal_states b ON b.moment = 'now' AND b.opportunity_id = o.id
  WHERE o.owner_id IN (SELECT ae_id FROM members WHERE level = 'ae')
),
moved AS (
  SELECT window_name, opportunity_id, owner_id, in_t0, in_t1,
    CASE WHEN in_t0 THEN state_amount_t0 END AS amount_t0,
    CASE WHEN in_t1 THEN state_amount_t1 END AS amount_t1,
    CASE
      WHEN in_t0 AND in_t1 THEN CASE
        WHEN state_amount_t1 > state_amount_t0 THEN 'increased'
        WHEN state_amount_t1 < state_amount_t0 THEN 'decreased'
      END
      WHEN in_t1 THEN CASE WHEN created_date > t0 THEN 'created' ELSE 'pulled_in' END
      -- in at t0 only: still open (close date now outside Q), or closed at D
      WHEN open_t1 THEN 'pushed'
      WHEN marked_won THEN 'won'
      ELSE 'lost'
    END AS bucket
  FROM ends
  WHERE in_t0 OR in_t1
)
SELECT window_name, opportunity_id, owner_id, in_t0, in_t1, amount_t0, amount_t1, bucket,
  CASE
    WHEN bucket IN ('increased', 'decreased') THEN amount_t1 - amount_t0
    WHEN bucket IN ('created', 'pulled_in') THEN amount_t1
    WHEN bucket IS NOT NULL THEN -amount_t0
  END AS flow_amount
FROM moved
