import type { Engine } from '../../../functions/engine/engine.ts';
import { quoteIdentifier, quoteLiteral } from '../../../functions/engine/engine.ts';

/** How an insight table differs from its expected CSV. */
export interface InsightDiff {
  expected: number;
  actual: number;
  missing: number;
  extra: number;
  mismatched: number;
  /** the first differences, one readable line each */
  sample: string[];
}

/** The natural key of each insight table of this branch. */
export const INSIGHT_KEYS: Record<string, string[]> = {
  deals: ['opportunity_id'],
  pipeline_movement: ['level', 'entity_id', 'window', 'bucket'],
  pipeline_movement_deals: ['window', 'opportunity_id', 'bucket'],
  forecast_calls: ['level', 'entity_id', 'period_start'],
  account_book: ['account_id'],
  coaching_signals: ['ae_id', 'signal'],
};

const NUMERIC = /^(DOUBLE|INTEGER|BIGINT|FLOAT|DECIMAL.*|HUGEINT|SMALLINT)$/;

/**
 * Compares the table `table` with an expected CSV (empty field = NULL) row by
 * row on `keys`, every other column of the CSV: numbers within a relative
 * tolerance of 1e-6 (1e-9 absolute near 0), anything else (dates, flags,
 * text) as text; NULL only against NULL; nothing missing or extra.
 *
 * @example
 * const diff = await compareInsights(engine, 'deals', 'test/golden/basic/expected/insights/deals.csv', ['opportunity_id']);
 */
export async function compareInsights(engine: Engine, table: string, expectedCsv: string, keys: string[]): Promise<InsightDiff> {
  await engine.exec(`CREATE OR REPLACE TEMP TABLE expected_rows AS
    SELECT * FROM read_csv(${quoteLiteral(expectedCsv)}, header = true, all_varchar = true)`);
  const types = new Map(
    (await engine.query<{ column_name: string; column_type: string }>(`DESCRIBE ${quoteIdentifier(table)}`)).map((c) => [
      c.column_name,
      c.column_type,
    ]),
  );
  const columns = (await engine.query<{ column_name: string }>(`DESCRIBE expected_rows`)).map((c) => c.column_name);
  const missingColumns = columns.filter((c) => !types.has(c));
  if (missingColumns.length > 0) throw new Error(`${table} has no column ${missingColumns.join(', ')}`);
  const q = quoteIdentifier;
  const text = (t: string, c: string) => `NULLIF(CAST(${t}.${q(c)} AS VARCHAR), '')`;
  const num = (t: string, c: string) => `TRY_CAST(${text(t, c)} AS DOUBLE)`;
  const differs = (c: string) =>
    NUMERIC.test(types.get(c) ?? '')
      ? `NOT ((${num('e', c)} IS NULL AND ${num('a', c)} IS NULL) OR coalesce(abs(${num('e', c)} - ${num('a', c)}) <= greatest(1e-6 * greatest(abs(${num('e', c)}), abs(${num('a', c)})), 1e-9), false))`
      : `${text('e', c)} IS DISTINCT FROM ${text('a', c)}`;
  const values = columns.filter((c) => !keys.includes(c));
  const key = (t: string) => keys.map((k) => `CAST(${t}.${q(k)} AS VARCHAR)`).join(` || ' ' || `);
  const on = keys.map((k) => `CAST(e.${q(k)} AS VARCHAR) = CAST(a.${q(k)} AS VARCHAR)`).join(' AND ');
  const first = q(keys[0] ?? '');
  const diffs = values.map((c) => `CASE WHEN ${differs(c)} THEN ${quoteLiteral(c)} || '=' || coalesce(${text('e', c)}, 'NULL') || '/' || coalesce(${text('a', c)}, 'NULL') END`);
  const rows = await engine.query<{ status: string; k: string; d: string | null }>(`
    SELECT CASE WHEN a.${first} IS NULL THEN 'missing' WHEN e.${first} IS NULL THEN 'extra' ELSE 'mismatch' END AS status,
      coalesce(${key('e')}, ${key('a')}) AS k,
      concat_ws(' ', ${diffs.join(', ')}) AS d
    FROM expected_rows e
    FULL OUTER JOIN ${q(table)} AS a ON ${on}
    WHERE a.${first} IS NULL OR e.${first} IS NULL OR ${values.map(differs).join(' OR ')}
    ORDER BY 2`);
  const [counts] = await engine.query<{ e: number; a: number }>(
    `SELECT CAST((SELECT count(*) FROM expected_rows) AS INTEGER) AS e, CAST((SELECT count(*) FROM ${q(table)}) AS INTEGER) AS a`,
  );
  const count = (s: string) => rows.filter((r) => r.status === s).length;
  return {
    expected: counts?.e ?? 0,
    actual: counts?.a ?? 0,
    missing: count('missing'),
    extra: count('extra'),
    mismatched: count('mismatch'),
    sample: rows.slice(0, 25).map((r) => `${r.status} ${r.k}${r.status === 'mismatch' ? `: (expected/got) ${r.d ?? ''}` : ''}`),
  };
}
