-- stage_medians (stage_name, visits, median_days): over the opportunities of
-- AEs, every completed visit of a stage (a run of rows with its StageName
-- followed by a row with another one) whose next run begins in the last 4
-- quarters (reported_start … D); its length is the days from the run's
-- first row to the next run's first row. The median of an even count is
-- the mean of the two middle values: the rows numbered rn with
-- n ≤ 2·rn ≤ n + 2 are the one or two middle ones.
WITH /* @params */
runs AS (
  SELECT h.opportunity_id, h.stage_name, h.created_on AS run_start,
    lead(h.created_on) OVER (PARTITION BY h.opportunity_id ORDER BY h.seq) AS next_run_start
  FROM deal_history h
  JOIN opp_facts o ON o.id = h.opportunity_id
  WHERE h.starts_run
    AND o.owner_id IN (SELECT ae_id FROM members WHERE level = 'ae')
),
visits AS (
  SELECT r.stage_name, date_diff('day', r.run_start, r.next_run_start) AS days
  FROM runs r
  CROSS JOIN insight_dates d
  WHERE r.next_run_start >= d.reported_start
),
numbered AS (
  SELECT stage_name, days,
    row_number() OVER (PARTITION BY stage_name ORDER BY days) AS rn,
    COUNT(*) OVER (PARTITION BY stage_name) AS n
  FROM visits
)
SELECT stage_name, CAST(MAX(n) AS INTEGER) AS visits,
  AVG(CASE WHEN 2 * rn BETWEEN n AND n + 2 THEN CAST(days AS DOUBLE) END) AS median_days
FROM numbered
GROUP BY stage_name
