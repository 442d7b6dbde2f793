-- Who to coach this week: active AEs by number of coaching signals, then by gap to quota, with their first layer (the coaching topic) and every signal.
WITH newest AS (
  SELECT MAX(as_of) AS as_of FROM coaching_signals
),
per_ae AS (
  SELECT s.as_of, s.ae_id, s.team_id,
    CAST(count(*) AS INTEGER) AS signals,
    MIN(CASE s.layer WHEN 'results' THEN 1 WHEN 'pipeline' THEN 2 WHEN 'effort' THEN 3 ELSE 4 END) AS first_layer
  FROM coaching_signals s
  JOIN newest n ON n.as_of = s.as_of
  GROUP BY s.as_of, s.ae_id, s.team_id
)
SELECT
  e.name AS ae,
  t.name AS team,
  p.signals,
  CASE p.first_layer WHEN 1 THEN 'results' WHEN 2 THEN 'pipeline' WHEN 3 THEN 'effort' ELSE 'skills' END AS topic,
  f.gap_to_quota,
  s.signal,
  s.value,
  s.threshold,
  s.evidence
FROM per_ae p
JOIN coaching_signals s ON s.as_of = p.as_of AND s.ae_id = p.ae_id
JOIN entities e ON e.as_of = p.as_of AND e.level = 'ae' AND e.entity_id = p.ae_id
LEFT JOIN entities t ON t.as_of = p.as_of AND t.level = 'team' AND t.entity_id = p.team_id
LEFT JOIN forecast_calls f ON f.as_of = p.as_of AND f.level = 'ae' AND f.entity_id = p.ae_id AND f.period_end = p.as_of
ORDER BY p.signals DESC, f.gap_to_quota DESC NULLS LAST, ae,
  CASE s.layer WHEN 'results' THEN 1 WHEN 'pipeline' THEN 2 WHEN 'effort' THEN 3 ELSE 4 END, s.signal;
