-- deals: the deal book (INSIGHTS.md `deals`), built in 00_6_deal_book.sql.
WITH /* @params */
book AS (
  SELECT * FROM deal_book
)
SELECT d.as_of, b.opportunity_id, b.name, b.account_id, b.account_name, b.owner_id, b.team_id, b.deal_type,
  b.stage, b.amount, b.close_date, b.probability, b.forecast_category, b.created_date, b.is_open, b.is_won,
  b.stage_entered, b.days_in_stage, b.close_date_pushes, b.last_activity_date, b.stalled, b.no_recent_activity,
  b.past_close_date, b.pushed, b.shrinking, b.risk_count
FROM book b
CROSS JOIN insight_dates d
ORDER BY b.owner_id, b.is_open DESC, b.close_date, b.opportunity_id
