-- deal_history: the OpportunityHistory rows of the current opportunities up
-- to D (rows dated after D are ignored; rows without a CreatedDate cannot be
-- placed in time and are left out, as in open_states), in the order of
-- INSIGHTS.md: CreatedDate (the full timestamp), then Id. seq numbers them
-- per opportunity; previous_close_date is the CloseDate of the row before;
-- starts_run marks the first row of a run of rows with the same StageName
-- (a visit of that stage). forecast_category is the row's ForecastCategory
-- as exported (00_4_forecast_names.sql maps it).
WITH /* @params */
dated AS (
  SELECT h.id, h.opportunity_id, h.created_date AS created_at, CAST(h.created_date AS DATE) AS created_on,
    h.stage_name, c.stage_name IS NULL AS is_open, COALESCE(h.amount, 0) AS amount, h.close_date,
    COALESCE(h.probability, 0) AS probability, h.forecast_category
  FROM opportunity_history h
  CROSS JOIN insight_dates d
  LEFT JOIN closed_stages c ON c.stage_name = h.stage_name
  WHERE h.created_date IS NOT NULL
    AND CAST(h.created_date AS DATE) <= d.as_of
    AND h.opportunity_id IN (SELECT id FROM opp_facts)
),
ordered AS (
  SELECT dated.*,
    row_number() OVER (PARTITION BY opportunity_id ORDER BY created_at, id) AS seq,
    lag(close_date) OVER (PARTITION BY opportunity_id ORDER BY created_at, id) AS previous_close_date,
    lag(stage_name) OVER (PARTITION BY opportunity_id ORDER BY created_at, id) AS previous_stage
  FROM dated
)
SELECT id, opportunity_id, created_at, created_on, stage_name, is_open, amount, close_date, probability, forecast_category,
  seq, previous_close_date,
  seq = 1 OR COALESCE(previous_stage, '') <> COALESCE(stage_name, '') AS starts_run
FROM ordered
