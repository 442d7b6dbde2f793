-- Family 3, pipeline development: leads_created, qualified_leads,
-- lead_conversion_pct, opps_created, pipeline_created, win_rate_pct,
-- open_pipeline, open_opps, avg_open_deal_value, pipeline_velocity.
-- pipeline_created sums the current Amount (fine print 4). Open pipeline is
-- the state at the end of pe (open_states 'end'); velocity counts the
-- opportunities open at the end of the day before ps ('eve') and is
-- open_eve × win_rate_pct / 100 × avg_deal_size / sales_cycle_days, NULL when
-- any factor is NULL or sales_cycle_days is 0.
-- open_pipeline and open_opps also have kpi_breakdowns rows by stage: the
-- StageName of the history row that makes the opportunity open at the end of
-- pe ('Unknown' when it has none), one row per stage the entity has open then.
WITH /* @params */
created AS (
  SELECT m.level, m.entity_id, p.period_type, p.period_start,
    CAST(COUNT(*) AS DOUBLE) AS opps_created, SUM(o.amount) AS pipeline_created
  FROM opp_facts o
  JOIN members m ON m.ae_id = o.owner_id
  JOIN periods p ON o.created_date BETWEEN p.period_start AND p.period_end
  GROUP BY m.level, m.entity_id, p.period_type, p.period_start
),
-- open_states read once: both moments, summed per owner (and, at the end of
-- pe, per stage) before fanning out to the entities that pool the owner, as
-- in 07_territory.sql; stage is NULL for the 'eve' moment, which needs none
owner_open AS (
  SELECT o.owner_id, s.period_type, s.period_start, s.moment,
    CASE WHEN s.moment = 'end' THEN COALESCE(s.stage_name, 'Unknown') END AS stage,
    CAST(COUNT(*) AS DOUBLE) AS opps, SUM(s.amount) AS amount
  FROM open_states s
  JOIN opp_facts o ON o.id = s.opportunity_id
  GROUP BY o.owner_id, s.period_type, s.period_start, s.moment,
    CASE WHEN s.moment = 'end' THEN COALESCE(s.stage_name, 'Unknown') END
),
open_by_stage AS (
  SELECT m.level, m.entity_id, t.period_type, t.period_start, t.moment, t.stage,
    SUM(t.opps) AS opps, SUM(t.amount) AS amount
  FROM owner_open t
  JOIN members m ON m.ae_id = t.owner_id
  GROUP BY m.level, m.entity_id, t.period_type, t.period_start, t.moment, t.stage
),
-- the totals are the sums of the stage rows, so that the breakdown adds up
open_totals AS (
  SELECT level, entity_id, period_type, period_start,
    SUM(CASE WHEN moment = 'end' THEN opps ELSE 0 END) AS open_opps,
    SUM(CASE WHEN moment = 'end' THEN amount ELSE 0 END) AS open_pipeline,
    SUM(CASE WHEN moment = 'eve' THEN opps ELSE 0 END) AS open_eve
  FROM open_by_stage
  GROUP BY level, entity_id, period_type, period_start
),
stats AS (
  SELECT level, entity_id, period_type, period_start,
    l.leads_created, l.qualified_leads, l.converted_leads,
    COALESCE(c.opps_created, 0) AS opps_created, COALESCE(c.pipeline_created, 0) AS pipeline_created,
    d.deals_won, d.deals_closed, d.bookings, d.closed_days, d.closed_dated,
    COALESCE(n.open_opps, 0) AS open_opps, COALESCE(n.open_pipeline, 0) AS open_pipeline,
    COALESCE(n.open_eve, 0) AS open_eve
  FROM deal_stats d
  JOIN lead_stats l USING (level, entity_id, period_type, period_start)
  LEFT JOIN created c USING (level, entity_id, period_type, period_start)
  LEFT JOIN open_totals n USING (level, entity_id, period_type, period_start)
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
UNION ALL
-- both breakdowns from one reference to open_by_stage: Athena inlines a CTE at every reference
SELECT k.kpi, b.level, b.entity_id, b.period_type, b.period_start,
  CASE k.kpi WHEN 'open_pipeline' THEN b.amount ELSE b.opps END, NULL, NULL, 'stage', b.stage
FROM open_by_stage b
CROSS JOIN (VALUES ('open_pipeline'), ('open_opps')) AS k (kpi)
WHERE b.moment = 'end'
