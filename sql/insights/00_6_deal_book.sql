-- deal_book: the rows of the `deals` table (INSIGHTS.md), plus marked_won
-- (the Opportunity's IsWon, also for a deal the history shows open:
-- forecast_calls leaves those out of its category sums, as bookings count them).
-- A deal is an AE's opportunity open at D (history), or closed: not open
-- at D, IsClosed or closed at D in the history, CloseDate in PQ or Q and ≤ D.
-- Open deals take stage, amount, close date and probability from their
-- state at D; closed ones from the Opportunity row (NULL amount or
-- probability → 0).
WITH /* @params */
now_states AS (
  SELECT * FROM deal_states WHERE moment = 'now'
),
quarter_eve_states AS (
  SELECT * FROM deal_states WHERE moment = 'quarter_eve'
),
book AS (
  SELECT o.id, o.name, o.account_id, o.owner_id, CAST(o.created_date AS DATE) AS created_date,
    COALESCE(o.is_won, FALSE) AS marked_won,
    COALESCE(s.is_open, FALSE) AS is_open,
    CASE WHEN COALESCE(s.is_open, FALSE) THEN s.stage_name ELSE o.stage_name END AS stage,
    CASE WHEN COALESCE(s.is_open, FALSE) THEN s.amount ELSE COALESCE(o.amount, 0) END AS amount,
    CASE WHEN COALESCE(s.is_open, FALSE) THEN s.close_date ELSE o.close_date END AS close_date,
    CASE WHEN COALESCE(s.is_open, FALSE) THEN s.probability ELSE COALESCE(o.probability, 0) END AS probability,
    s.forecast_category AS history_category_name, o.forecast_category_name
  FROM opportunities o
  CROSS JOIN insight_dates d
  LEFT JOIN now_states s ON s.opportunity_id = o.id
  WHERE o.owner_id IN (SELECT ae_id FROM members WHERE level = 'ae')
    AND (
      COALESCE(s.is_open, FALSE)
      OR (
        (COALESCE(o.is_closed, FALSE) OR s.opportunity_id IS NOT NULL)
        AND o.close_date BETWEEN d.pqs AND d.as_of
      )
    )
),
-- the first row of the last run of StageName up to D
stage_runs AS (
  SELECT opportunity_id, MAX(seq) AS seq
  FROM deal_history
  WHERE starts_run
  GROUP BY opportunity_id
),
stage_entered AS (
  SELECT h.opportunity_id, h.created_on AS stage_entered
  FROM deal_history h
  JOIN stage_runs r ON r.opportunity_id = h.opportunity_id AND r.seq = h.seq
),
pushes AS (
  SELECT opportunity_id, COUNT(*) AS close_date_pushes
  FROM deal_history
  WHERE close_date > previous_close_date
  GROUP BY opportunity_id
),
activities AS (
  SELECT what_id, account_id, owner_id, activity_date FROM tasks
  UNION ALL
  SELECT what_id, account_id, owner_id, activity_date FROM events
),
dated_activities AS (
  SELECT a.what_id, a.account_id, a.owner_id, a.activity_date
  FROM activities a
  CROSS JOIN insight_dates d
  WHERE a.activity_date <= d.as_of
),
-- on the opportunity (any owner), or on its account by its owner
deal_activities AS (
  SELECT b.id, a.activity_date
  FROM book b
  JOIN dated_activities a ON a.what_id = b.id
  UNION ALL
  SELECT b.id, a.activity_date
  FROM book b
  JOIN dated_activities a ON a.account_id = b.account_id AND a.owner_id = b.owner_id
),
last_activity AS (
  SELECT id, MAX(activity_date) AS last_activity_date
  FROM deal_activities
  GROUP BY id
),
facts AS (
  SELECT b.*, b.is_open = FALSE AND b.marked_won AS is_won,
    e.stage_entered,
    CASE WHEN b.is_open THEN date_diff('day', e.stage_entered, d.as_of) END AS days_in_stage,
    COALESCE(p.close_date_pushes, 0) AS close_date_pushes,
    l.last_activity_date,
    COALESCE(hnm.category, onm.category, CASE
      WHEN b.is_open THEN 'pipeline'
      WHEN b.marked_won THEN 'closed'
      ELSE 'omitted'
    END) AS named_category,
    m.visits AS stage_visits, m.median_days AS stage_median_days,
    q.is_open AS open_at_quarter_eve, q.amount AS quarter_eve_amount,
    d.as_of, d.recent_from
  FROM book b
  CROSS JOIN insight_dates d
  LEFT JOIN stage_entered e ON e.opportunity_id = b.id
  LEFT JOIN pushes p ON p.opportunity_id = b.id
  LEFT JOIN last_activity l ON l.id = b.id
  LEFT JOIN forecast_names hnm ON hnm.name = b.history_category_name
  LEFT JOIN forecast_names onm ON onm.name = b.forecast_category_name
  LEFT JOIN stage_medians m ON m.stage_name = b.stage
  LEFT JOIN quarter_eve_states q ON q.opportunity_id = b.id
),
flags AS (
  SELECT f.*,
    CASE WHEN f.is_open AND f.named_category = 'closed' THEN 'commit' ELSE f.named_category END AS forecast_category,
    f.is_open AND CASE
      WHEN COALESCE(f.stage_visits, 0) >= 5 THEN f.days_in_stage > 1.5 * f.stage_median_days
      ELSE f.days_in_stage > 30
    END AS stalled,
    f.is_open AND (f.last_activity_date IS NULL OR f.last_activity_date < f.recent_from) AS no_recent_activity,
    f.is_open AND COALESCE(f.close_date < f.as_of, FALSE) AS past_close_date,
    f.is_open AND f.close_date_pushes >= 2 AS pushed,
    f.is_open AND COALESCE(f.open_at_quarter_eve, FALSE) AND f.amount < 0.8 * f.quarter_eve_amount AS shrinking
  FROM facts f
)
SELECT f.id AS opportunity_id, f.name, f.account_id, a.name AS account_name, f.owner_id, i.team_id,
  o.kind AS deal_type, f.stage, f.amount, f.close_date, f.probability, f.forecast_category, f.created_date,
  f.is_open, f.is_won, f.stage_entered, f.days_in_stage, f.close_date_pushes, f.last_activity_date,
  f.stalled, f.no_recent_activity, f.past_close_date, f.pushed, f.shrinking,
  CASE WHEN f.stalled THEN 1 ELSE 0 END + CASE WHEN f.no_recent_activity THEN 1 ELSE 0 END
    + CASE WHEN f.past_close_date THEN 1 ELSE 0 END + CASE WHEN f.pushed THEN 1 ELSE 0 END
    + CASE WHEN f.shrinking THEN 1 ELSE 0 END AS risk_count,
  f.marked_won
FROM flags f
JOIN opp_facts o ON o.id = f.id
LEFT JOIN accounts a ON a.id = f.account_id
LEFT JOIN entity_info i ON i.level = 'ae' AND i.entity_id = f.owner_id
