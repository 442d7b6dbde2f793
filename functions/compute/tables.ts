import type { Engine } from '../engine/engine.ts';
import { quoteIdentifier, quoteLiteral } from '../engine/engine.ts';
import type { SqlFile } from '../engine/sql-files.ts';
import { KpiQueryError } from './errors.ts';
import { readKpiSql, type KpiSql } from './kpi-sql.ts';
import { KPIS } from '../report/catalog.ts';
import { withParams, type RunParams } from './params.ts';
import { KPI_TABLES, OUTPUT_COLUMNS, type KpiTable } from '../lake/output-tables.ts';

const KEY = ['kpi', 'level', 'entity_id', 'period_type', 'period_start', 'dimension', 'dimension_value'];

/** Runs a file of `sql/kpis/` behind a one-line prefix, so that engine errors name the file and its line. */
async function execFile(engine: Engine, prefix: string, file: SqlFile, params: RunParams, suffix = ''): Promise<void> {
  await engine.exec(`${prefix} ${withParams(file.text, params, file.name)}${suffix}`, { file: file.name, lineOffset: 0 });
}

/** Fails with the first few offending rows when `sql` returns any. */
async function expectNone(engine: Engine, file: string, what: string, sql: string): Promise<void> {
  const rows = await engine.query(`${sql} LIMIT 5`);
  if (rows.length > 0) throw new KpiQueryError(file, `${what}: ${rows.map((r) => JSON.stringify(r)).join('; ')}`);
}

/**
 * Runs the KPI SQL on an engine whose canonical relations (`users`,
 * `opportunities`, ...) exist, and leaves the run's output in the temporary
 * tables `kpi_values`, `kpi_breakdowns` and `entities` (ordered, typed as
 * the KPI catalog says). Building blocks become temporary tables named after their
 * relation; the rows are checked: known KPI ids, entities and periods of the
 * grid, finite values, and exactly one row per KPI, entity and period.
 *
 * @example
 * const engine = await openLake(ctx);
 * const rows = await computeKpiTables(engine, runParams(ctx.config, '2026-06-30'));
 * rows.kpi_values; // 49 × entities × 16
 */
export async function computeKpiTables(
  engine: Engine,
  params: RunParams,
  sql?: KpiSql,
): Promise<Record<KpiTable, number>> {
  const { blocks, families } = sql ?? (await readKpiSql());
  for (const block of blocks) {
    await execFile(engine, `CREATE OR REPLACE TEMP TABLE ${quoteIdentifier(block.relation)} AS`, block, params);
  }
  await engine.exec(
    `CREATE OR REPLACE TEMP TABLE kpi_catalog AS SELECT * FROM (VALUES ${KPIS.map(
      (k, i) => `(${quoteLiteral(k.id)}, ${i})`,
    ).join(', ')}) AS t (kpi, ordinal)`,
  );
  await engine.exec(`CREATE OR REPLACE TEMP TABLE kpi_rows (
    kpi VARCHAR, level VARCHAR, entity_id VARCHAR, period_type VARCHAR, period_start DATE,
    value DOUBLE, numerator DOUBLE, denominator DOUBLE, dimension VARCHAR, dimension_value VARCHAR, source VARCHAR)`);
  for (const family of families) {
    await execFile(
      engine,
      'INSERT INTO kpi_rows SELECT kpi, level, entity_id, period_type, CAST(period_start AS DATE), CAST(value AS DOUBLE), ' +
        `CAST(numerator AS DOUBLE), CAST(denominator AS DOUBLE), dimension, dimension_value, ${quoteLiteral(family.name)} FROM (`,
      family,
      params,
      '\n) AS family_rows',
    );
    await checkFamily(engine, family.name);
  }
  await expectNone(
    engine,
    'kpis/',
    'more than one row for the same KPI, entity, period and dimension',
    `SELECT ${KEY.map((c) => `CAST(${c} AS VARCHAR) AS ${c}`).join(', ')}, MIN(source) AS file, MAX(source) AS other_file,
       CAST(COUNT(*) AS INTEGER) AS n
     FROM kpi_rows GROUP BY ${KEY.join(', ')} HAVING COUNT(*) > 1`,
  );
  await expectNone(
    engine,
    'kpis/',
    'a KPI of the catalog has no row for these entities and periods',
    `SELECT c.kpi, g.level, g.entity_id, g.period_type, CAST(g.period_start AS VARCHAR) AS period_start
     FROM grid g CROSS JOIN kpi_catalog c
     LEFT JOIN kpi_rows r ON r.kpi = c.kpi AND r.level = g.level AND r.entity_id = g.entity_id
       AND r.period_type = g.period_type AND r.period_start = g.period_start AND r.dimension IS NULL
     WHERE r.kpi IS NULL`,
  );
  await writeOutputTables(engine, params.asOf);
  const counts = {} as Record<KpiTable, number>;
  for (const table of KPI_TABLES) {
    const [row] = await engine.query<{ n: number }>(`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM ${table}`);
    counts[table] = row?.n ?? 0;
  }
  return counts;
}

/** A family's rows name catalog KPIs, grid entities and periods, with finite values. */
async function checkFamily(engine: Engine, file: string): Promise<void> {
  const mine = `SELECT * FROM kpi_rows WHERE source = ${quoteLiteral(file)}`;
  await expectNone(
    engine,
    file,
    'KPI ids that the KPI catalog does not define',
    `SELECT DISTINCT kpi FROM (${mine}) AS r WHERE kpi NOT IN (SELECT kpi FROM kpi_catalog)`,
  );
  await expectNone(
    engine,
    file,
    'rows for an entity or period that is not in the grid',
    `SELECT DISTINCT r.level, r.entity_id, r.period_type, CAST(r.period_start AS VARCHAR) AS period_start
     FROM (${mine}) AS r
     LEFT JOIN grid g ON g.level = r.level AND g.entity_id = r.entity_id
       AND g.period_type = r.period_type AND g.period_start = r.period_start
     WHERE g.level IS NULL`,
  );
  await expectNone(
    engine,
    file,
    'values that are not finite numbers',
    `SELECT kpi, level, entity_id FROM (${mine}) AS r
     WHERE NOT isfinite(value) OR NOT isfinite(numerator) OR NOT isfinite(denominator)`,
  );
}

/** The three output tables of the KPI catalog, typed by {@link OUTPUT_COLUMNS} and in a stable order, as temporary tables. */
async function writeOutputTables(engine: Engine, asOf: string): Promise<void> {
  const asOfDate = `DATE ${quoteLiteral(asOf)}`;
  const columns = `${asOfDate}, r.kpi, r.level, r.entity_id, r.period_type, r.period_start, g.period_end,
    r.value, r.numerator, r.denominator`;
  const from = `FROM kpi_rows r
    JOIN grid g ON g.level = r.level AND g.entity_id = r.entity_id AND g.period_type = r.period_type
      AND g.period_start = r.period_start
    JOIN kpi_catalog c ON c.kpi = r.kpi`;
  const levelOrder = (column: string) => `CASE ${column} WHEN 'ae' THEN 1 WHEN 'team' THEN 2 ELSE 3 END`;
  const order = `${levelOrder('r.level')}, r.entity_id, r.period_type, r.period_start, c.ordinal`;
  const select: Record<KpiTable, string> = {
    kpi_values: `SELECT ${columns} ${from} WHERE r.dimension IS NULL ORDER BY ${order}`,
    kpi_breakdowns: `SELECT ${columns}, r.dimension, r.dimension_value ${from} WHERE r.dimension IS NOT NULL
      ORDER BY ${order}, r.dimension, r.dimension_value`,
    entities: `SELECT ${asOfDate}, level, entity_id, name, email, manager_id, is_active, team_id FROM entity_info
      ORDER BY ${levelOrder('level')}, entity_id`,
  };
  for (const table of KPI_TABLES) {
    await engine.exec(`CREATE OR REPLACE TEMP TABLE ${table} (${OUTPUT_COLUMNS[table]})`);
    await engine.exec(`INSERT INTO ${table} ${select[table]}`);
  }
}
