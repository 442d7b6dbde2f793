-- opp_facts: every current opportunity with its dates as DATEs, NULL amounts
-- as 0, its classification and whether a lead was converted into it.
--
-- kind (the KPI catalog "Existing customer", fine print 5):
--   an existing customer's opportunity O is on an account with another won
--   opportunity (any owner) whose CloseDate is before O's created date;
--   'cross_sell' if O has a line item whose product family is not among the
--   families of those earlier won opportunities' line items, else 'upsell';
--   otherwise 'new_business'. "Those earlier won opportunities" excludes O
--   itself, also when O closed before it was created, as the existing-customer
--   test does.
-- "Another won opportunity closed before O was created" exists when the
-- earliest won opportunity of the account (of the pair, for a family) other
-- than O closed before O's created date: the first win, or the second one
-- when the first is O itself.
WITH /* @params */
opps AS (
  SELECT id, account_id, owner_id, COALESCE(amount, 0) AS amount,
    COALESCE(is_won, FALSE) AS is_won, COALESCE(is_closed, FALSE) AS is_closed,
    close_date, CAST(created_date AS DATE) AS created_date
  FROM opportunities
),
account_wins AS (
  SELECT account_id, id, close_date,
    row_number() OVER (PARTITION BY account_id ORDER BY close_date, id) AS nth
  FROM opps
  WHERE is_won
    AND account_id IS NOT NULL
    AND close_date IS NOT NULL
),
first_account_wins AS (
  SELECT account_id,
    MAX(CASE WHEN nth = 1 THEN id END) AS first_id,
    MAX(CASE WHEN nth = 1 THEN close_date END) AS first_close,
    MAX(CASE WHEN nth = 2 THEN close_date END) AS second_close
  FROM account_wins
  WHERE nth <= 2
  GROUP BY account_id
),
first_family_wins AS (
  SELECT account_id, family,
    MAX(CASE WHEN nth = 1 THEN opportunity_id END) AS first_id,
    MAX(CASE WHEN nth = 1 THEN close_date END) AS first_close,
    MAX(CASE WHEN nth = 2 THEN close_date END) AS second_close
  FROM family_wins
  WHERE nth <= 2
  GROUP BY account_id, family
),
existing AS (
  SELECT o.id, o.account_id, o.created_date
  FROM opps o
  JOIN first_account_wins w ON w.account_id = o.account_id
  WHERE CASE WHEN w.first_id = o.id THEN w.second_close ELSE w.first_close END < o.created_date
),
new_family AS (
  SELECT DISTINCT e.id
  FROM existing e
  JOIN opp_families f ON f.opportunity_id = e.id
  LEFT JOIN first_family_wins w ON w.account_id = e.account_id AND w.family = f.family
  WHERE NOT COALESCE(CASE WHEN w.first_id = e.id THEN w.second_close ELSE w.first_close END < e.created_date, FALSE)
)
SELECT o.id, o.account_id, o.owner_id, o.amount, o.is_won, o.is_closed, o.close_date, o.created_date,
  CASE
    WHEN o.id IN (SELECT id FROM new_family) THEN 'cross_sell'
    WHEN o.id IN (SELECT id FROM existing) THEN 'upsell'
    ELSE 'new_business'
  END AS kind,
  o.id IN (SELECT converted_opportunity_id FROM leads WHERE converted_opportunity_id IS NOT NULL) AS from_lead
FROM opps o
