-- Today's open pipeline from the current state of the CRM: opportunities
-- and amount per owner and stage (closed stages left out).
SELECT u.name AS owner, o.stage_name, COUNT(*) AS opportunities, SUM(COALESCE(o.amount, 0)) AS amount
FROM opportunities o
LEFT JOIN users u ON u.id = o.owner_id
WHERE NOT COALESCE(o.is_closed, FALSE)
GROUP BY u.name, o.stage_name
ORDER BY owner, amount DESC;
