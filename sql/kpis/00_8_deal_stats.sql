-- deal_stats: the closed-deal sums of every (entity, period), defined once
-- for the KPIs of several families built from them (bookings, deals_won,
-- win rates, avg_deal_size, time_to_close_days, sales_cycle_days,
-- pipeline_velocity, expansion_bookings, lead_to_win_pct, forecast ...).
-- A deal is won in P when IsWon and CloseDate in P, closed in P when
-- IsClosed and CloseDate in P, by its current owner and flags (fine print 4).
-- bookings_previous is bookings over P′ of bookings_growth_pct. won_days /
-- won_dated (closed_days / closed_dated) sum and count the days from created
-- date to CloseDate over the deals that have both dates.
WITH /* @params */
spans AS (
  SELECT period_type, period_start, 'period' AS span, period_start AS span_start, period_end AS span_end
  FROM periods
  UNION ALL
  SELECT period_type, period_start, 'previous' AS span, prev_start AS span_start, prev_end AS span_end
  FROM periods
),
deals AS (
  SELECT m.level, m.entity_id, s.period_type, s.period_start, s.span, o.amount, o.kind, o.from_lead,
    CASE WHEN o.is_won THEN 1 ELSE 0 END AS won,
    CASE WHEN o.is_closed THEN 1 ELSE 0 END AS closed,
    date_diff('day', o.created_date, o.close_date) AS days
  FROM opp_facts o
  JOIN members m ON m.ae_id = o.owner_id
  JOIN spans s ON o.close_date BETWEEN s.span_start AND s.span_end
  WHERE o.is_won OR o.is_closed
),
sums AS (
  SELECT level, entity_id, period_type, period_start, span,
    SUM(won * amount) AS bookings,
    CAST(SUM(won) AS DOUBLE) AS deals_won,
    CAST(SUM(closed) AS DOUBLE) AS deals_closed,
    CAST(SUM(won * days) AS DOUBLE) AS won_days,
    CAST(SUM(CASE WHEN days IS NOT NULL THEN won ELSE 0 END) AS DOUBLE) AS won_dated,
    CAST(SUM(closed * days) AS DOUBLE) AS closed_days,
    CAST(SUM(CASE WHEN days IS NOT NULL THEN closed ELSE 0 END) AS DOUBLE) AS closed_dated,
    CAST(SUM(CASE WHEN kind = 'upsell' THEN won ELSE 0 END) AS DOUBLE) AS upsell_won,
    CAST(SUM(CASE WHEN kind = 'upsell' THEN closed ELSE 0 END) AS DOUBLE) AS upsell_closed,
    CAST(SUM(CASE WHEN kind = 'cross_sell' THEN won ELSE 0 END) AS DOUBLE) AS cross_sell_won,
    CAST(SUM(CASE WHEN kind = 'cross_sell' THEN closed ELSE 0 END) AS DOUBLE) AS cross_sell_closed,
    SUM(CASE WHEN kind IN ('upsell', 'cross_sell') THEN won * amount ELSE 0 END) AS expansion_bookings,
    CAST(SUM(CASE WHEN from_lead THEN won * closed ELSE 0 END) AS DOUBLE) AS lead_won,
    CAST(SUM(CASE WHEN from_lead THEN closed ELSE 0 END) AS DOUBLE) AS lead_closed
  FROM deals
  GROUP BY level, entity_id, period_type, period_start, span
),
in_previous AS (
  SELECT level, entity_id, period_type, period_start, bookings AS bookings_previous
  FROM sums
  WHERE span = 'previous'
),
in_period AS (
  SELECT *
  FROM sums
  WHERE span = 'period'
)
SELECT g.level, g.entity_id, g.period_type, g.period_start,
  COALESCE(c.bookings, 0) AS bookings,
  COALESCE(p.bookings_previous, 0) AS bookings_previous,
  COALESCE(c.deals_won, 0) AS deals_won,
  COALESCE(c.deals_closed, 0) AS deals_closed,
  COALESCE(c.won_days, 0) AS won_days,
  COALESCE(c.won_dated, 0) AS won_dated,
  COALESCE(c.closed_days, 0) AS closed_days,
  COALESCE(c.closed_dated, 0) AS closed_dated,
  COALESCE(c.upsell_won, 0) AS upsell_won,
  COALESCE(c.upsell_closed, 0) AS upsell_closed,
  COALESCE(c.cross_sell_won, 0) AS cross_sell_won,
  COALESCE(c.cross_sell_closed, 0) AS cross_sell_closed,
  COALESCE(c.expansion_bookings, 0) AS expansion_bookings,
  COALESCE(c.lead_won, 0) AS lead_won,
  COALESCE(c.lead_closed, 0) AS lead_closed
FROM grid g
LEFT JOIN in_period c
  ON c.level = g.level AND c.entity_id = g.entity_id AND c.period_type = g.period_type AND c.period_start = g.period_start
LEFT JOIN in_previous p
  ON p.level = g.level AND p.entity_id = g.entity_id AND p.period_type = g.period_type AND p.period_start = g.period_start
