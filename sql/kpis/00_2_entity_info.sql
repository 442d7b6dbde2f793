-- entity_info (level, entity_id, name, email, manager_id, is_active, team_id):
-- who each entity is. An AE's team_id is its manager when that manager is a
-- team; a team's team_id is itself; the org exists even with no AE.
WITH /* @params */
entity_ids AS (
  SELECT DISTINCT level, entity_id
  FROM members
  WHERE level <> 'org'
),
ae_team AS (
  SELECT ae_id, entity_id AS team_id
  FROM members
  WHERE level = 'team'
)
SELECT e.level, e.entity_id, u.name, u.email, u.manager_id, u.is_active,
  CASE WHEN e.level = 'team' THEN e.entity_id ELSE t.team_id END AS team_id
FROM entity_ids e
JOIN users u ON u.id = e.entity_id
LEFT JOIN ae_team t ON e.level = 'ae' AND t.ae_id = e.entity_id
UNION ALL
SELECT 'org' AS level, 'org' AS entity_id, 'Organisation' AS name, CAST(NULL AS VARCHAR) AS email,
  CAST(NULL AS VARCHAR) AS manager_id, TRUE AS is_active, CAST(NULL AS VARCHAR) AS team_id
FROM run_params
