-- members (level, entity_id, ae_id): which AEs each entity pools (the KPI catalog "Who and when").
-- An AE manages nobody and owns an opportunity or a quota row; a team is a
-- user who is the current manager of at least one AE (direct reports only);
-- the org pools every AE. An AE whose manager is not a user is in the org only.
WITH /* @params */
managers AS (
  SELECT DISTINCT manager_id AS user_id
  FROM users
  WHERE manager_id IS NOT NULL
),
aes AS (
  SELECT u.id AS ae_id, u.manager_id
  FROM users u
  WHERE u.id NOT IN (SELECT user_id FROM managers)
    AND (
      u.id IN (SELECT owner_id FROM opportunities WHERE owner_id IS NOT NULL)
      OR u.id IN (SELECT quota_owner_id FROM forecasting_quotas WHERE quota_owner_id IS NOT NULL)
    )
)
SELECT 'ae' AS level, ae_id AS entity_id, ae_id
FROM aes
UNION ALL
SELECT 'team' AS level, manager_id AS entity_id, ae_id
FROM aes
WHERE manager_id IN (SELECT id FROM users)
UNION ALL
SELECT 'org' AS level, 'org' AS entity_id, ae_id
FROM aes
