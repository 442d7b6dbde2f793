-- Family 3, pipeline development: leads_created, qualified_leads,
-- lead_conversion_pct, opps_created, pipeline_created, win_rate_pct,
-- open_pipeline, open_opps, avg_open_deal_value, pipeline_velocity.
-- pipeline_created sums the current Amount (fine print 4). Open pipeline is
-- the state at the end of pe (open_states 'end'); velocity counts the
-- opportunities open at the end of the day before ps ('eve') and is
-- open_eve × win_rate_pct / 100 × avg_deal_size / sales_cycle_days, NULL when
-- any factor is NULL or sales_cycle_days is 0.
WITH /* @params */
created AS (
  SELECT m.level, m.entity_id, p.period_type, p.period_start,
    CAST(COUNT(*) AS DOUBLE) AS opps_created, SUM(o.amount) AS pipeline_created
  FROM opp_facts o
  JOIN members m ON m.ae_id = o.owner_id
  JOIN periods p ON o.created_date BETWEEN p.period_start AND p.period_end
  GROUP BY m.level, m.entity_id, p.period_type, p.period_start
),
open_now AS (
  SELECT m.level, m.entity_id, s.period_type, s.period_start,
    CAST(COUNT(*) AS DOUBLE) AS open_opps, SUM(s.amount) AS open_pipeline
  FROM open_states s
  JOIN opp_facts o ON o.id = s.opportunity_id
  JOIN members m ON m.ae_id = o.owner_id
  WHERE s.moment = 'end'
  GROUP BY m.level, m.entity_id, s.period_type, s.period_start
),
open_before AS (
  SELECT m.level, m.entity_id, s.period_type, s.period_start, CAST(COUNT(*) AS DOUBLE) AS open_eve
  FROM open_states s
  JOIN opp_facts o ON o.id = s.opportunity_id
  JOIN members m ON m.ae_id = o.owner_id
  WHERE s.moment = 'eve'
  GROUP BY m.level, m.entity_id, s.period_type, s.period_start
),
stats AS (
  SELECT level, entity_id, period_type, period_start,
    l.leads_created, l.qualified_leads, l.converted_leads,
    COALESCE(c.opps_created, 0) AS opps_created, COALESCE(c.pipeline_created, 0) AS pipeline_created,
    d.deals_won, d.deals_closed, d.bookings, d.closed_days, d.closed_dated,
    COALESCE(n.open_opps, 0) AS open_opps, COALESCE(n.open_pipeline, 0) AS open_pipeline,
    COALESCE(b.open_eve, 0) AS open_eve
  FROM deal_stats d
  JOIN lead_stats l USING (level, entity_id, period_type, period_start)
  LEFT JOIN created c USING (level, entity_id, period_type, period_start)
  LEFT JOIN open_now n USING (level, entity_id, period_type, period_start)
  LEFT JOIN open_before b USING (level, entity_id, period_type, period_start)
)
SELECT 'leads_created' AS kpi, level, entity_id, period_type, period_start,
  leads_created AS value, CAST(NULL AS DOUBLE) AS numerator, CAST(NULL AS DOUBLE) AS denominator,
  CAST(NULL AS VARCHAR) AS dimension, CAST(NULL AS VARCHAR) AS dimension_value
FROM stats
UNION ALL
SELECT 'qualified_leads', level, entity_id, period_type, period_start, qualified_leads, NULL, NULL, NULL, NULL
FROM stats
UNION ALL
SELECT 'lead_conversion_pct', level, entity_id, period_type, period_start,
  100 * converted_leads / NULLIF(leads_created, 0), converted_leads, leads_created, NULL, NULL
FROM stats
UNION ALL
SELECT 'opps_created', level, entity_id, period_type, period_start, opps_created, NULL, NULL, NULL, NULL
FROM stats
UNION ALL
SELECT 'pipeline_created', level, entity_id, period_type, period_start, pipeline_created, NULL, NULL, NULL, NULL
FROM stats
UNION ALL
SELECT 'win_rate_pct', level, entity_id, period_type, period_start,
  100 * deals_won / NULLIF(deals_closed, 0), deals_won, deals_closed, NULL, NULL
FROM stats
UNION ALL
SELECT 'open_pipeline', level, entity_id, period_type, period_start, open_pipeline, NULL, NULL, NULL, NULL
FROM stats
UNION ALL
SELECT 'open_opps', level, entity_id, period_type, period_start, open_opps, NULL, NULL, NULL, NULL
FROM stats
UNION ALL
SELECT 'avg_open_deal_value', level, entity_id, period_type, period_start,
  open_pipeline / NULLIF(open_opps, 0), open_pipeline, open_opps, NULL, NULL
FROM stats
UNION ALL
SELECT 'pipeline_velocity', level, entity_id, period_type, period_start,
  CASE
    WHEN deals_closed > 0 AND deals_won > 0 AND closed_dated > 0 AND closed_days <> 0
      THEN open_eve * (deals_won / deals_closed) * (bookings / deals_won) / (closed_days / closed_dated)
  END,
  NULL, NULL, NULL, NULL
FROM stats
