-- My deals at risk: one AE's open deals with at least one risk flag, in the
-- newest version, worst first (replace the owner id with yours).
WITH newest AS (
  SELECT MAX(as_of) AS as_of FROM deals
)
SELECT d.opportunity_id, d.name, d.account_name, d.stage, d.amount, d.close_date, d.forecast_category,
  d.days_in_stage, d.last_activity_date, d.stalled, d.no_recent_activity, d.past_close_date, d.pushed,
  d.shrinking, d.risk_count
FROM deals d
JOIN newest n ON n.as_of = d.as_of
WHERE d.owner_id = '005Hs0000000004IAA'
  AND d.is_open
  AND d.risk_count > 0
ORDER BY d.risk_count DESC, d.amount DESC;
