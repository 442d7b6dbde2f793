-- Accounts churned this quarter and last quarter in the newest version, with the ARR lost: the accounts behind logo_churn_pct.
SELECT
  CASE WHEN b.customer_qs AND NOT b.customer THEN 'this quarter' ELSE 'last quarter' END AS churned,
  b.name AS account,
  o.name AS owner,
  CASE WHEN b.customer_qs AND NOT b.customer THEN b.arr_qs ELSE b.arr_pqs END AS arr_lost
FROM account_book b
JOIN entities o ON o.as_of = b.as_of AND o.level = 'ae' AND o.entity_id = b.owner_id
WHERE b.as_of IN (SELECT MAX(as_of) FROM account_book)
  AND ((b.customer_qs AND NOT b.customer) OR (b.customer_pqs AND NOT b.customer_pqe))
ORDER BY churned DESC, arr_lost DESC, account;
