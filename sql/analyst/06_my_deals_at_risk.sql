-- Deals at risk: open deals with at least one risk flag in the newest
-- version, by owner, worst first. To see only yours, uncomment the e-mail
-- line and put your CRM e-mail address in it.
WITH newest AS (
  SELECT MAX(as_of) AS as_of FROM deals
)
SELECT o.name AS owner, o.email AS owner_email, d.opportunity_id, d.name, d.account_name, d.stage, d.amount,
  d.close_date, d.forecast_category, d.days_in_stage, d.last_activity_date, d.stalled, d.no_recent_activity,
  d.past_close_date, d.pushed, d.shrinking, d.risk_count
FROM deals d
JOIN newest n ON n.as_of = d.as_of
JOIN entities o ON o.as_of = d.as_of AND o.level = 'ae' AND o.entity_id = d.owner_id
WHERE d.is_open
  AND d.risk_count > 0
  -- AND o.email = 'you@example.com'
ORDER BY o.name, d.risk_count DESC, d.amount DESC;
