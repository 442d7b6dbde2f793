-- coaching_signals: one row per active AE and coaching signal that fires
-- (INSIGHTS "coaching_signals"), with the measure, the threshold it crossed
-- and the evidence (ids, sorted by code point, joined with ','). Thresholds
-- come from `coaching` in scorecard.config.json (coaching_thresholds).
-- The peer group of an AE is their current team, else the org: medians are
-- over the group's active AEs (the AE included), the group's win rate is
-- pooled over all the group's AEs as team KPIs pool. It reads the deal book
-- (`deals`: risk flags of open deals), `forecast_calls` (coverage, bias),
-- the KPI tables (attainment, skill scores) and coaching_facts (win rate
-- counts, activities, overdue courses), so that every measure has the
-- definition the report shows. As a table that reads the KPI tables it may
-- read only those, entity_info, insight blocks and the insight tables before
-- it (sql/insights/README.md). Choices where the definition is
-- silent: deal_hygiene by share needs at least one flagged deal; a skill
-- gap's value is the lowest latest score of the AE's skills below the
-- threshold; a group whose median activity count is 0 flags nobody.
WITH /* @params */
dates AS (
  SELECT r.as_of AS d, q.period_start AS qs, q.prev_start AS pqs,
    CAST(date_diff('day', q.period_start, r.as_of) + 1 AS DOUBLE) / (date_diff('day', q.period_start, q.full_end) + 1)
      AS elapsed
  FROM run_params r
  CROSS JOIN periods q
  WHERE q.period_type = 'quarter'
    AND q.period_end = r.as_of
),
aes AS (
  SELECT e.entity_id AS ae_id, e.team_id,
    CASE WHEN e.team_id IS NULL THEN 'org' ELSE 'team' END AS group_level,
    COALESCE(e.team_id, 'org') AS group_id
  FROM entity_info e
  WHERE e.level = 'ae'
    AND e.is_active
),
-- results: quarter-to-date attainment against the pace of the quarter
behind_pace AS (
  SELECT a.ae_id, 'behind_pace' AS signal, v.value, d.elapsed * 100 - t.behind_pace_points AS threshold,
    'quota_attainment_pct' AS evidence
  FROM aes a
  CROSS JOIN dates d
  CROSS JOIN coaching_thresholds t
  JOIN kpi_values v ON v.kpi = 'quota_attainment_pct' AND v.level = 'ae' AND v.entity_id = a.ae_id
    AND v.period_type = 'quarter' AND v.period_start = d.qs
  WHERE v.value < d.elapsed * 100 - t.behind_pace_points
),
-- results: win rate over pqs … D against the group's, pooled over all the group's AEs
group_members AS (
  SELECT 'team' AS level, team_id AS entity_id, entity_id AS ae_id
  FROM entity_info
  WHERE level = 'ae'
    AND team_id IS NOT NULL
  UNION ALL
  SELECT 'org' AS level, 'org' AS entity_id, entity_id AS ae_id
  FROM entity_info
  WHERE level = 'ae'
),
group_win_rates AS (
  SELECT g.level, g.entity_id, 100 * SUM(c.won) / NULLIF(SUM(c.closed), 0) AS rate
  FROM group_members g
  JOIN coaching_facts c ON c.ae_id = g.ae_id
  GROUP BY g.level, g.entity_id
),
low_win_rate AS (
  SELECT a.ae_id, 'low_win_rate' AS signal, 100 * c.won / c.closed AS value, g.rate - t.win_rate_points AS threshold,
    'win_rate_pct' AS evidence
  FROM aes a
  CROSS JOIN coaching_thresholds t
  JOIN coaching_facts c ON c.ae_id = a.ae_id
  JOIN group_win_rates g ON g.level = a.group_level AND g.entity_id = a.group_id
  WHERE c.closed >= t.win_rate_min_closed
    AND 100 * c.won / c.closed < g.rate - t.win_rate_points
),
-- pipeline: coverage of the remaining quota (NULL once the quota is met)
thin_pipeline AS (
  SELECT a.ae_id, 'thin_pipeline' AS signal, f.coverage AS value, t.coverage_min AS threshold, 'coverage' AS evidence
  FROM aes a
  CROSS JOIN dates d
  CROSS JOIN coaching_thresholds t
  JOIN forecast_calls f ON f.level = 'ae' AND f.entity_id = a.ae_id AND f.period_start = d.qs
  WHERE f.coverage < t.coverage_min
),
-- pipeline: open deals with at least one risk flag
hygiene AS (
  SELECT owner_id AS ae_id,
    CAST(SUM(CASE WHEN risk_count >= 1 THEN 1 ELSE 0 END) AS DOUBLE) AS flagged,
    SUM(CASE WHEN risk_count >= 1 THEN amount ELSE 0 END) AS flagged_amount,
    SUM(amount) AS open_amount
  FROM deals
  WHERE is_open
  GROUP BY owner_id
),
flagged_ids AS (
  SELECT owner_id AS ae_id, array_join(array_agg(opportunity_id ORDER BY opportunity_id), ',') AS ids
  FROM deals
  WHERE is_open
    AND risk_count >= 1
  GROUP BY owner_id
),
deal_hygiene AS (
  SELECT a.ae_id, 'deal_hygiene' AS signal,
    CASE WHEN h.flagged >= t.hygiene_deals THEN h.flagged ELSE 100 * h.flagged_amount / h.open_amount END AS value,
    CASE WHEN h.flagged >= t.hygiene_deals THEN t.hygiene_deals ELSE t.hygiene_share_pct END AS threshold,
    i.ids AS evidence
  FROM aes a
  CROSS JOIN coaching_thresholds t
  JOIN hygiene h ON h.ae_id = a.ae_id
  JOIN flagged_ids i ON i.ae_id = a.ae_id
  WHERE h.flagged >= t.hygiene_deals
    OR (h.open_amount > 0 AND 100 * h.flagged_amount / h.open_amount >= t.hygiene_share_pct)
),
-- pipeline: forecast bias in the reported quarters before Q
biased_quarters AS (
  SELECT a.ae_id, f.period_start
  FROM aes a
  CROSS JOIN dates d
  CROSS JOIN coaching_thresholds t
  JOIN forecast_calls f ON f.level = 'ae' AND f.entity_id = a.ae_id AND f.period_start < d.qs
  WHERE abs(f.forecast_bias_pct) > t.bias_pct
),
forecast_bias AS (
  SELECT b.ae_id, 'forecast_bias' AS signal, CAST(COUNT(*) AS DOUBLE) AS value, MIN(t.bias_quarters) AS threshold,
    array_join(array_agg(CAST(b.period_start AS VARCHAR) ORDER BY CAST(b.period_start AS VARCHAR)), ',') AS evidence
  FROM biased_quarters b
  CROSS JOIN coaching_thresholds t
  GROUP BY b.ae_id
  HAVING COUNT(*) >= MIN(t.bias_quarters)
),
-- effort: activities in the last activity_days days against the median of the group's active AEs
group_activities AS (
  SELECT g.level, g.entity_id, c.activities
  FROM group_members g
  JOIN aes a ON a.ae_id = g.ae_id
  JOIN coaching_facts c ON c.ae_id = g.ae_id
),
-- the median without median(): the middle value, or the mean of the two middle ones
ranked_activities AS (
  SELECT level, entity_id, activities,
    row_number() OVER (PARTITION BY level, entity_id ORDER BY activities) AS rn,
    COUNT(*) OVER (PARTITION BY level, entity_id) AS n
  FROM group_activities
),
group_medians AS (
  SELECT level, entity_id, AVG(activities) AS median
  FROM ranked_activities
  WHERE 2 * rn BETWEEN n AND n + 2
  GROUP BY level, entity_id
),
low_activity AS (
  SELECT a.ae_id, 'low_activity' AS signal, c.activities AS value, t.activity_share * g.median AS threshold,
    'activities' AS evidence
  FROM aes a
  CROSS JOIN coaching_thresholds t
  JOIN coaching_facts c ON c.ae_id = a.ae_id
  JOIN group_medians g ON g.level = a.group_level AND g.entity_id = a.group_id
  WHERE c.activities < t.activity_share * g.median
),
-- skills: the latest score of each skill at D (skill_score_avg by skill of the running quarter), else overdue training
low_scores AS (
  SELECT a.ae_id, b.dimension_value AS skill, b.value AS score
  FROM aes a
  CROSS JOIN dates d
  CROSS JOIN coaching_thresholds t
  JOIN kpi_breakdowns b ON b.kpi = 'skill_score_avg' AND b.level = 'ae' AND b.entity_id = a.ae_id
    AND b.period_type = 'quarter' AND b.period_start = d.qs AND b.dimension = 'skill'
  WHERE b.value < t.skill_score
),
skill_gap AS (
  SELECT ae_id, 'skill_gap' AS signal, MIN(score) AS value, MIN(t.skill_score) AS threshold,
    array_join(array_agg(skill ORDER BY skill), ',') AS evidence
  FROM low_scores
  CROSS JOIN coaching_thresholds t
  GROUP BY ae_id
  UNION ALL
  SELECT ae_id, 'skill_gap' AS signal, overdue AS value, CAST(1 AS DOUBLE) AS threshold, overdue_courses AS evidence
  FROM coaching_facts
  WHERE overdue >= 1
    AND ae_id NOT IN (SELECT ae_id FROM low_scores)
),
signals AS (
  SELECT ae_id, signal, 'results' AS layer, 1 AS layer_order, 1 AS signal_order, value, threshold, evidence FROM behind_pace
  UNION ALL
  SELECT ae_id, signal, 'results', 1, 2, value, threshold, evidence FROM low_win_rate
  UNION ALL
  SELECT ae_id, signal, 'pipeline', 2, 3, value, threshold, evidence FROM thin_pipeline
  UNION ALL
  SELECT ae_id, signal, 'pipeline', 2, 4, value, threshold, evidence FROM deal_hygiene
  UNION ALL
  SELECT ae_id, signal, 'pipeline', 2, 5, value, threshold, evidence FROM forecast_bias
  UNION ALL
  SELECT ae_id, signal, 'effort', 3, 6, value, threshold, evidence FROM low_activity
  UNION ALL
  SELECT ae_id, signal, 'skills', 4, 7, value, threshold, evidence FROM skill_gap
)
SELECT d.d AS as_of, s.ae_id, a.team_id, s.signal, s.layer, CAST(s.value AS DOUBLE) AS value,
  CAST(s.threshold AS DOUBLE) AS threshold, s.evidence
FROM signals s
JOIN aes a ON a.ae_id = s.ae_id
CROSS JOIN dates d
ORDER BY s.ae_id, s.layer_order, s.signal_order
