-- lead_stats: the leads E created in each period, defined once for
-- families 3 and 10. Qualified = IsConverted or Status among the configured
-- qualified statuses; converted = IsConverted with a ConvertedOpportunityId
-- (prospect → opportunity, fine print 3).
WITH /* @params */
counts AS (
  SELECT m.level, m.entity_id, p.period_type, p.period_start,
    CAST(COUNT(*) AS DOUBLE) AS leads_created,
    CAST(SUM(CASE
      WHEN COALESCE(l.is_converted, FALSE) OR l.status IN (SELECT lead_status FROM qualified_statuses) THEN 1
      ELSE 0
    END) AS DOUBLE) AS qualified_leads,
    CAST(SUM(CASE
      WHEN COALESCE(l.is_converted, FALSE) AND l.converted_opportunity_id IS NOT NULL THEN 1
      ELSE 0
    END) AS DOUBLE) AS converted_leads
  FROM leads l
  JOIN members m ON m.ae_id = l.owner_id
  JOIN periods p ON CAST(l.created_date AS DATE) BETWEEN p.period_start AND p.period_end
  GROUP BY m.level, m.entity_id, p.period_type, p.period_start
)
SELECT g.level, g.entity_id, g.period_type, g.period_start,
  COALESCE(c.leads_created, 0) AS leads_created,
  COALESCE(c.qualified_leads, 0) AS qualified_leads,
  COALESCE(c.converted_leads, 0) AS converted_leads
FROM grid g
LEFT JOIN counts c
  ON c.level = g.level AND c.entity_id = g.entity_id AND c.period_type = g.period_type AND c.period_start = g.period_start
