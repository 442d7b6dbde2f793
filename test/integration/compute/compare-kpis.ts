import type { Engine } from '../../../functions/engine/engine.ts';
import { quoteLiteral } from '../../../functions/engine/engine.ts';

/** How an actual KPI table differs from an expected CSV. */
export interface KpiDiff {
  expected: number;
  actual: number;
  missing: number;
  extra: number;
  mismatched: number;
  /** the first differences, one readable line each */
  sample: string[];
  /**
   * with `expectedDimensionsOnly`: the actual rows left out because the
   * expected CSV has no row of their dimension, counted by dimension
   */
  uncompared: Record<string, number>;
}

export interface CompareOptions {
  /**
   * compare only the actual rows of a `dimension` the expected CSV has rows
   * of: a breakdown added after the CSV was made (`stage`) is checked on its
   * own, and `uncompared` says what was left out
   */
  expectedDimensionsOnly?: boolean;
}

/** What identifies a row of kpi_values, and of kpi_breakdowns. */
export const KPI_KEYS = ['kpi', 'level', 'entity_id', 'period_type', 'period_start'];
export const TABLE_KEYS = { kpi_values: KPI_KEYS, kpi_breakdowns: [...KPI_KEYS, 'dimension', 'dimension_value'] };

const VALUE_COLUMNS = ['value', 'numerator', 'denominator', 'period_end'];

/**
 * Compares the table `table` with an expected CSV (the KPI catalog output columns,
 * an empty field = NULL) row by row on `keys`: value, numerator and
 * denominator within a relative tolerance of 1e-6 (1e-9 absolute near 0),
 * NULL only against NULL, period_end exactly; nothing missing or extra.
 *
 * @example
 * const diff = await compareKpis(engine, 'kpi_values', 'test/golden/basic/expected/kpi_values.csv', KEYS);
 * expect(diff.sample).toEqual([]);
 * const breakdowns = await compareKpis(engine, 'kpi_breakdowns', 'test/golden/basic/expected/kpi_breakdowns.csv', [...KEYS, 'dimension', 'dimension_value'], { expectedDimensionsOnly: true });
 * breakdowns.uncompared; // { stage: 1024 }
 */
export async function compareKpis(
  engine: Engine,
  table: string,
  expectedCsv: string,
  keys: string[],
  options: CompareOptions = {},
): Promise<KpiDiff> {
  await engine.exec(`CREATE OR REPLACE TEMP TABLE expected_rows AS
    SELECT * FROM read_csv(${quoteLiteral(expectedCsv)}, header = true, all_varchar = true)`);
  const inExpected = `dimension IN (SELECT DISTINCT dimension FROM expected_rows)`;
  const actual = options.expectedDimensionsOnly ? `(SELECT * FROM ${table} WHERE ${inExpected})` : table;
  const uncompared = options.expectedDimensionsOnly
    ? await engine.query<{ dimension: string; n: number }>(
        `SELECT dimension, CAST(count(*) AS INTEGER) AS n FROM ${table} WHERE NOT ${inExpected} GROUP BY dimension ORDER BY dimension`,
      )
    : [];
  const key = (t: string) => keys.map((k) => `CAST(${t}.${k} AS VARCHAR)`).join(` || ' ' || `);
  const on = keys.map((k) => `CAST(e.${k} AS VARCHAR) = CAST(a.${k} AS VARCHAR)`).join(' AND ');
  const num = (t: string, c: string) => `TRY_CAST(NULLIF(CAST(${t}.${c} AS VARCHAR), '') AS DOUBLE)`;
  const differs = (c: string) =>
    c === 'period_end'
      ? `CAST(e.${c} AS VARCHAR) IS DISTINCT FROM CAST(a.${c} AS VARCHAR)`
      : `NOT ((${num('e', c)} IS NULL AND ${num('a', c)} IS NULL) OR coalesce(abs(${num('e', c)} - ${num('a', c)}) <= greatest(1e-6 * greatest(abs(${num('e', c)}), abs(${num('a', c)})), 1e-9), false))`;
  const show = (t: string) => VALUE_COLUMNS.map((c) => `coalesce(CAST(${t}.${c} AS VARCHAR), 'NULL')`).join(` || ' ' || `);
  const rows = await engine.query<{ status: string; k: string; e: string | null; a: string | null }>(`
    SELECT CASE WHEN a.kpi IS NULL THEN 'missing' WHEN e.kpi IS NULL THEN 'extra' ELSE 'mismatch' END AS status,
      coalesce(${key('e')}, ${key('a')}) AS k,
      CASE WHEN e.kpi IS NOT NULL THEN ${show('e')} END AS e,
      CASE WHEN a.kpi IS NOT NULL THEN ${show('a')} END AS a
    FROM expected_rows e
    FULL OUTER JOIN ${actual} AS a ON ${on}
    WHERE a.kpi IS NULL OR e.kpi IS NULL OR ${VALUE_COLUMNS.map(differs).join(' OR ')}
    ORDER BY 2`);
  const [counts] = await engine.query<{ e: number; a: number }>(
    `SELECT CAST((SELECT count(*) FROM expected_rows) AS INTEGER) AS e, CAST((SELECT count(*) FROM ${actual} AS t) AS INTEGER) AS a`,
  );
  const count = (s: string) => rows.filter((r) => r.status === s).length;
  return {
    expected: counts?.e ?? 0,
    actual: counts?.a ?? 0,
    missing: count('missing'),
    extra: count('extra'),
    mismatched: count('mismatch'),
    sample: rows.slice(0, 25).map((r) => `${r.status} ${r.k}: expected [${r.e ?? '-'}] got [${r.a ?? '-'}]`),
    uncompared: Object.fromEntries(uncompared.map((r) => [r.dimension, r.n])),
  };
}
