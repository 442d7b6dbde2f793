-- Family 10, process improvement: lead_conversion_days,
-- lead_qualification_pct, lead_to_win_pct.
-- A lead is converted in P when IsConverted and ConvertedDate in P (fine
-- print 3); days run from its created (UTC) date to ConvertedDate.
-- lead_to_win_pct: of E's deals closed in P that some lead (any owner) names
-- as ConvertedOpportunityId, the won ones (deal_stats lead_won / lead_closed).
WITH /* @params */
conversions AS (
  SELECT m.level, m.entity_id, p.period_type, p.period_start,
    CAST(SUM(date_diff('day', CAST(l.created_date AS DATE), l.converted_date)) AS DOUBLE) AS conversion_days,
    CAST(COUNT(l.created_date) AS DOUBLE) AS conversions
  FROM leads l
  JOIN members m ON m.ae_id = l.owner_id
  JOIN periods p ON l.converted_date BETWEEN p.period_start AND p.period_end
  WHERE COALESCE(l.is_converted, FALSE)
  GROUP BY m.level, m.entity_id, p.period_type, p.period_start
),
stats AS (
  SELECT level, entity_id, period_type, period_start,
    COALESCE(c.conversion_days, 0) AS conversion_days, COALESCE(c.conversions, 0) AS conversions,
    l.leads_created, l.qualified_leads, d.lead_won, d.lead_closed
  FROM deal_stats d
  JOIN lead_stats l USING (level, entity_id, period_type, period_start)
  LEFT JOIN conversions c USING (level, entity_id, period_type, period_start)
)
SELECT 'lead_conversion_days' AS kpi, level, entity_id, period_type, period_start,
  conversion_days / NULLIF(conversions, 0) AS value, conversion_days AS numerator, conversions AS denominator,
  CAST(NULL AS VARCHAR) AS dimension, CAST(NULL AS VARCHAR) AS dimension_value
FROM stats
UNION ALL
SELECT 'lead_qualification_pct', level, entity_id, period_type, period_start,
  100 * qualified_leads / NULLIF(leads_created, 0), qualified_leads, leads_created, NULL, NULL
FROM stats
UNION ALL
SELECT 'lead_to_win_pct', level, entity_id, period_type, period_start,
  100 * lead_won / NULLIF(lead_closed, 0), lead_won, lead_closed, NULL, NULL
FROM stats
