import type { Engine } from '../../../functions/engine/engine.ts';

const close = (a: string, b: string) => `abs(${a} - ${b}) <= greatest(1e-6 * greatest(abs(${a}), abs(${b})), 1e-6)`;

/** The members of each entity, from the version's entities table (an AE's team is its team_id). */
const MEMBERS = `(
  SELECT 'ae' AS level, entity_id, entity_id AS ae_id FROM entities WHERE level = 'ae'
  UNION ALL SELECT 'team', team_id, entity_id FROM entities WHERE level = 'ae' AND team_id IS NOT NULL
  UNION ALL SELECT 'org', 'org', entity_id FROM entities WHERE level = 'ae'
)`;

/** The quarter containing as_of, from the version's kpi_values. */
const QUARTER = `(SELECT DISTINCT period_start AS qs, period_end AS d FROM kpi_values
  WHERE period_type = 'quarter' AND period_end = as_of)`;

/**
 * The identities the insight tables must hold in one version (views
 * `kpi_values`, `entities`, `deals`, `pipeline_movement`,
 * `pipeline_movement_deals`, `forecast_calls` on `engine`); one line per
 * failure, empty when all hold:
 *
 * - every waterfall adds up: start + flows = end, amounts and deal counts;
 * - an AE's waterfall bars are the sums of its pipeline_movement_deals rows;
 * - the open deals of each entity add up to open_pipeline and open_opps of Q;
 * - the won deals of Q add up to bookings of Q (`openWon`: the Opportunity
 *   amounts of deals the history shows open that the Opportunity marks won
 *   in Q, which bookings count and the deal book keeps open);
 * - forecast_calls' categories are the open deals of Q's pipeline by category.
 */
export async function identityFailures(engine: Engine, openWon = 'SELECT NULL AS opportunity_id, 0.0 AS amount, NULL AS owner_id WHERE FALSE'): Promise<string[]> {
  const checks: Record<string, string> = {
    waterfall: `
      SELECT level || ' ' || entity_id || ' ' || "window" AS k FROM pipeline_movement
      GROUP BY level, entity_id, "window"
      HAVING NOT ${close(`SUM(CASE WHEN bucket <> 'end' THEN amount ELSE 0 END)`, `SUM(CASE WHEN bucket = 'end' THEN amount ELSE 0 END)`)}
        OR SUM(CASE WHEN bucket IN ('start', 'created', 'pulled_in') THEN deals WHEN bucket IN ('won', 'lost', 'pushed') THEN -deals ELSE 0 END)
          <> SUM(CASE WHEN bucket = 'end' THEN deals ELSE 0 END)
        OR COUNT(*) <> 9`,
    'bars = their deals': `
      SELECT m.entity_id || ' ' || m."window" || ' ' || m.bucket AS k
      FROM pipeline_movement m
      LEFT JOIN (
        SELECT owner_id, "window", bucket, COUNT(*) AS n,
          SUM(CASE bucket WHEN 'start' THEN amount_t0 WHEN 'end' THEN amount_t1
            WHEN 'created' THEN amount_t1 WHEN 'pulled_in' THEN amount_t1
            WHEN 'increased' THEN amount_t1 - amount_t0 WHEN 'decreased' THEN amount_t1 - amount_t0
            ELSE -amount_t0 END) AS amount
        FROM pipeline_movement_deals GROUP BY owner_id, "window", bucket
      ) d ON d.owner_id = m.entity_id AND d."window" = m."window" AND d.bucket = m.bucket
      WHERE m.level = 'ae' AND (m.deals <> COALESCE(d.n, 0) OR NOT ${close('m.amount', 'COALESCE(d.amount, 0)')})`,
    'open deals = open_pipeline, open_opps': `
      SELECT v.kpi || ' ' || v.level || ' ' || v.entity_id AS k
      FROM kpi_values v
      JOIN ${QUARTER} q ON v.period_type = 'quarter' AND v.period_start = q.qs
      LEFT JOIN (
        SELECT m.level, m.entity_id, SUM(d.amount) AS amount, COUNT(*) AS n
        FROM deals d JOIN ${MEMBERS} m ON m.ae_id = d.owner_id
        WHERE d.is_open GROUP BY m.level, m.entity_id
      ) s ON s.level = v.level AND s.entity_id = v.entity_id
      WHERE (v.kpi = 'open_pipeline' AND NOT ${close('v.value', 'COALESCE(s.amount, 0)')})
        OR (v.kpi = 'open_opps' AND v.value <> COALESCE(s.n, 0))`,
    'won deals = bookings': `
      SELECT v.level || ' ' || v.entity_id AS k
      FROM kpi_values v
      JOIN ${QUARTER} q ON v.kpi = 'bookings' AND v.period_type = 'quarter' AND v.period_start = q.qs
      LEFT JOIN (
        SELECT m.level, m.entity_id, SUM(w.amount) AS amount
        FROM (
          SELECT d.owner_id, d.amount FROM deals d, ${QUARTER} q WHERE d.is_won AND d.close_date BETWEEN q.qs AND q.d
          UNION ALL SELECT owner_id, amount FROM (${openWon}) AS ow
        ) w JOIN ${MEMBERS} m ON m.ae_id = w.owner_id
        GROUP BY m.level, m.entity_id
      ) s ON s.level = v.level AND s.entity_id = v.entity_id
      WHERE NOT ${close('v.value', 'COALESCE(s.amount, 0)')}`,
    'calls = the deal book by category': `
      SELECT c.level || ' ' || c.entity_id AS k
      FROM forecast_calls c
      JOIN ${QUARTER} q ON c.period_start = q.qs
      LEFT JOIN (
        SELECT m.level, m.entity_id,
          SUM(CASE WHEN d.forecast_category = 'commit' THEN d.amount ELSE 0 END) AS cm,
          SUM(CASE WHEN d.forecast_category = 'best_case' THEN d.amount ELSE 0 END) AS bc,
          SUM(CASE WHEN d.forecast_category = 'pipeline' THEN d.amount ELSE 0 END) AS pl,
          SUM(CASE WHEN d.forecast_category = 'omitted' THEN d.amount ELSE 0 END) AS om
        FROM deals d, ${QUARTER} q, ${MEMBERS} m
        WHERE m.ae_id = d.owner_id AND d.is_open AND d.close_date BETWEEN q.qs AND (SELECT MAX(period_start) + INTERVAL 3 MONTH - INTERVAL 1 DAY FROM kpi_values WHERE period_type = 'quarter')
          AND d.opportunity_id NOT IN (SELECT opportunity_id FROM (${openWon}) AS ow WHERE opportunity_id IS NOT NULL)
        GROUP BY m.level, m.entity_id
      ) s ON s.level = c.level AND s.entity_id = c.entity_id
      WHERE NOT (${close('c."commit"', 'COALESCE(s.cm, 0)')} AND ${close('c.best_case', 'COALESCE(s.bc, 0)')}
        AND ${close('c.pipeline', 'COALESCE(s.pl, 0)')} AND ${close('c.omitted', 'COALESCE(s.om, 0)')})`,
  };
  const failures: string[] = [];
  for (const [name, sql] of Object.entries(checks)) {
    const rows = await engine.query<{ k: string }>(`${sql} LIMIT 5`);
    failures.push(...rows.map((r) => `${name}: ${r.k}`));
  }
  return failures;
}
