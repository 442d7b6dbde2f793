-- family_wins (account_id, family, opportunity_id, close_date, nth): the won
-- opportunities of each (account, product family) pair, numbered by
-- CloseDate, then Id (nth = 1: the pair's first win). Used to classify
-- opportunities (00_6_opp_facts.sql) and by new_products_sold; numbering
-- instead of comparing every opportunity with every other of its account
-- keeps both linear in the number of opportunities.
SELECT o.account_id, f.family, o.id AS opportunity_id, o.close_date,
  row_number() OVER (PARTITION BY o.account_id, f.family ORDER BY o.close_date, o.id) AS nth
FROM opportunities o
JOIN opp_families f ON f.opportunity_id = o.id
WHERE COALESCE(o.is_won, FALSE)
  AND o.account_id IS NOT NULL
  AND o.close_date IS NOT NULL
