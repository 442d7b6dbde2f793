-- Renewals due in the next 90 days in the newest version: customers whose earliest contract end is within D … D + 90, by ARR, with owner and the signs of risk.
SELECT
  b.renewal_date,
  b.name AS account,
  o.name AS owner,
  b.arr,
  b.open_cases,
  b.csat_avg_90d,
  b.last_activity_date,
  b.open_pipeline
FROM account_book b
JOIN entities o ON o.as_of = b.as_of AND o.level = 'ae' AND o.entity_id = b.owner_id
WHERE b.as_of IN (SELECT MAX(as_of) FROM account_book)
  AND b.renewal_date >= b.as_of
  AND b.renewal_date <= b.as_of + INTERVAL '90' DAY
ORDER BY b.arr DESC, b.renewal_date, b.account_id;
