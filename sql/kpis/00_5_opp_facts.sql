-- opp_facts: every current opportunity with its dates as DATEs, NULL amounts
-- as 0, its classification and whether a lead was converted into it.
--
-- kind (KPIS.md "Existing customer", fine print 5):
--   an existing customer's opportunity O is on an account with another won
--   opportunity (any owner) whose CloseDate is before O's created date;
--   'cross_sell' if O has a line item whose product family is not among the
--   families of those earlier won opportunities' line items, else 'upsell';
--   otherwise 'new_business'. "Those earlier won opportunities" excludes O
--   itself, also when O closed before it was created, as the existing-customer
--   test does.
WITH /* @params */
opps AS (
  SELECT id, account_id, owner_id, COALESCE(amount, 0) AS amount,
    COALESCE(is_won, FALSE) AS is_won, COALESCE(is_closed, FALSE) AS is_closed,
    close_date, CAST(created_date AS DATE) AS created_date
  FROM opportunities
),
earlier_wins AS (
  SELECT o.id AS opportunity_id, w.id AS won_id
  FROM opps o
  JOIN opps w ON w.account_id = o.account_id AND w.id <> o.id AND w.is_won AND w.close_date < o.created_date
),
new_family AS (
  SELECT DISTINCT f.opportunity_id
  FROM opp_families f
  WHERE f.opportunity_id IN (SELECT opportunity_id FROM earlier_wins)
    AND NOT EXISTS (
      SELECT 1
      FROM earlier_wins e
      JOIN opp_families wf ON wf.opportunity_id = e.won_id
      WHERE e.opportunity_id = f.opportunity_id AND wf.family = f.family
    )
)
SELECT o.id, o.account_id, o.owner_id, o.amount, o.is_won, o.is_closed, o.close_date, o.created_date,
  CASE
    WHEN o.id IN (SELECT opportunity_id FROM new_family) THEN 'cross_sell'
    WHEN o.id IN (SELECT opportunity_id FROM earlier_wins) THEN 'upsell'
    ELSE 'new_business'
  END AS kind,
  o.id IN (SELECT converted_opportunity_id FROM leads WHERE converted_opportunity_id IS NOT NULL) AS from_lead
FROM opps o
