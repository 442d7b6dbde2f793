/*
 * Where two copies of a night's KPI tables differ, row by row: for each KPI
 * the rows whose value, numerator or denominator changed and the largest
 * change. `tsx test/checks/kpi-diff.ts BEFORE/kpi AFTER/kpi`.
 */
import { DuckDbEngine } from '../../functions/engine/duckdb.ts';
import { quoteLiteral } from '../../functions/engine/engine.ts';

const [before, after] = process.argv.slice(2);
if (!before || !after) throw new Error('usage: tsx test/checks/kpi-diff.ts BEFORE/kpi AFTER/kpi');
const engine = await DuckDbEngine.open();
const read = (dir: string, table: string) => `read_parquet(${quoteLiteral(`${dir}/${table}/*/*.parquet`)})`;
const key = `kpi, level, entity_id, period_type, period_start, COALESCE(dimension, '') AS dimension, COALESCE(dimension_value, '') AS dimension_value`;
for (const table of ['kpi_values', 'kpi_breakdowns']) {
  const dims = table === 'kpi_values' ? `, NULL AS dimension, NULL AS dimension_value` : '';
  const rows = await engine.query<{ kpi: string; rows: number; changed: number; missing: number; max_change: number }>(`
    WITH a AS (SELECT ${key}, value, numerator, denominator FROM (SELECT *${dims} FROM ${read(before, table)})),
         b AS (SELECT ${key}, value, numerator, denominator FROM (SELECT *${dims} FROM ${read(after, table)}))
    SELECT COALESCE(a.kpi, b.kpi) AS kpi, CAST(COUNT(*) AS INTEGER) AS rows,
      CAST(COUNT(*) FILTER (WHERE a.value IS DISTINCT FROM b.value OR a.numerator IS DISTINCT FROM b.numerator
        OR a.denominator IS DISTINCT FROM b.denominator) AS INTEGER) AS changed,
      CAST(COUNT(*) FILTER (WHERE a.kpi IS NULL OR b.kpi IS NULL) AS INTEGER) AS missing,
      MAX(GREATEST(abs(a.value - b.value), abs(a.numerator - b.numerator))) AS max_change
    FROM a FULL JOIN b USING (kpi, level, entity_id, period_type, period_start, dimension, dimension_value)
    GROUP BY 1 HAVING changed > 0 OR missing > 0 ORDER BY 1`);
  console.log(`${table}: ${rows.length === 0 ? 'every row identical' : ''}`);
  for (const r of rows) console.log(`  ${r.kpi}: ${r.changed} of ${r.rows} rows changed, ${r.missing} missing, largest change ${r.max_change}`);
}
await engine.close();
