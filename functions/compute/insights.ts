import type { Engine } from '../engine/engine.ts';
import { quoteIdentifier } from '../engine/engine.ts';
import { readSqlFolder, type SqlFile } from '../engine/sql-files.ts';
import { ComputeError, KpiQueryError } from './errors.ts';
import { INSIGHT_COLUMNS, INSIGHT_TABLES, columnPairs, type InsightTable } from '../lake/insight-tables.ts';
import type { BlockFile } from './kpi-sql.ts';
import { withParams, type RunParams } from './params.ts';
import { definePortableFunctions } from './portable-sql.ts';

/** One output table's file, `insights/<table>.sql`. */
export interface InsightTableFile extends SqlFile {
  table: InsightTable;
}

/** The insight SQL: building blocks in `<n>` order, then one file per insight table (in INSIGHT_TABLES order). */
export interface InsightSql {
  blocks: BlockFile[];
  tables: InsightTableFile[];
}

const BLOCK = /^insights\/00_(\d+)_([a-z][a-z0-9_]*)\.sql$/;
const TABLE = /^insights\/([a-z][a-z0-9_]*)\.sql$/;

/** The KPI output tables (temporary tables of the same run on DuckDB), which Athena only has once the run is staged. */
const KPI_OUTPUTS = /\b(kpi_values|kpi_breakdowns|entities)\b/i;

/**
 * Whether a file reads the run's KPI output tables (`kpi_values`,
 * `kpi_breakdowns`, `entities`). On Athena such a file cannot run with the
 * KPI families (those tables do not exist there for this as_of yet): it runs
 * on the in-process DuckDB after the KPI tables are made from the staged rows,
 * and may then read only them, `grid`, `entity_info` and the insight blocks.
 */
export function readsKpiOutputs(file: SqlFile): boolean {
  return KPI_OUTPUTS.test(file.text.replace(/--[^\n]*/g, ''));
}

/**
 * Reads `sql/insights/`: `00_<n>_<relation>.sql` are building blocks (one
 * SELECT each, read by later files as `<relation>`), `<table>.sql` the
 * SELECT of each insight table of {@link INSIGHT_TABLES}. A block may not
 * read the KPI output tables (see {@link readsKpiOutputs}).
 *
 * @example
 * const { blocks, tables } = await readInsightSql();
 * tables[0].table; // 'deals'
 */
export async function readInsightSql(): Promise<InsightSql> {
  const blocks: BlockFile[] = [];
  const byTable = new Map<string, InsightTableFile>();
  for (const file of await readSqlFolder('insights')) {
    const block = BLOCK.exec(file.name);
    const table = TABLE.exec(file.name)?.[1];
    if (block?.[2]) {
      if (readsKpiOutputs(file)) {
        throw new ComputeError(`${file.name} is a building block but reads a KPI output table`, 'read the KPI building blocks instead, or make it an insight table');
      }
      blocks.push({ ...file, relation: block[2], order: Number(block[1]) });
    } else if (table && (INSIGHT_TABLES as readonly string[]).includes(table)) {
      byTable.set(table, { ...file, table: table as InsightTable });
    } else {
      throw new ComputeError(
        `unexpected file ${file.name}`,
        `name it 00_<n>_<relation>.sql or <table>.sql for a table of functions/compute/insight-tables.ts (${INSIGHT_TABLES.join(', ')})`,
      );
    }
  }
  blocks.sort((a, b) => a.order - b.order);
  const tables = INSIGHT_TABLES.map((table) => {
    const file = byTable.get(table);
    if (!file) throw new ComputeError(`sql/insights/${table}.sql is missing`, 'every table of INSIGHT_TABLES needs its SELECT');
    return file;
  });
  return { blocks, tables };
}

async function run(engine: Engine, prefix: string, file: SqlFile, params: RunParams): Promise<void> {
  await engine.exec(`${prefix} ${withParams(file.text, params, file.name)}`, { file: file.name, lineOffset: 0 });
}

/**
 * Runs the insight SQL on an engine where {@link computeKpiTables} has just
 * run (its building blocks and output tables are temporary tables), and
 * leaves each insight table as a temporary table typed as
 * {@link INSIGHT_COLUMNS} says. A table's SELECT must return exactly those
 * columns, in that order.
 *
 * @example
 * await computeKpiTables(engine, params);
 * const counts = await computeInsightTables(engine, params);
 * counts.deals; // rows of the deal book
 */
export async function computeInsightTables(
  engine: Engine,
  params: RunParams,
  sql?: InsightSql,
): Promise<Record<InsightTable, number>> {
  const { blocks, tables } = sql ?? (await readInsightSql());
  // lists of text: Trino's array_join, as a DuckDB macro
  await definePortableFunctions(engine);
  for (const block of blocks) {
    await run(engine, `CREATE OR REPLACE TEMP TABLE ${quoteIdentifier(block.relation)} AS`, block, params);
  }
  const counts = {} as Record<InsightTable, number>;
  for (const file of tables) {
    const rows = `insight_rows_${file.table}`;
    await run(engine, `CREATE OR REPLACE TEMP TABLE ${rows} AS`, file, params);
    const expected = columnPairs(INSIGHT_COLUMNS[file.table]);
    const actual = (await engine.query<{ column_name: string }>(`DESCRIBE ${rows}`)).map((c) => c.column_name);
    if (actual.join(',') !== expected.map((c) => c.name).join(',')) {
      throw new KpiQueryError(file.name, `returns the columns ${actual.join(', ')}; the table ${file.table} has ${expected.map((c) => c.name).join(', ')}`);
    }
    await engine.exec(`CREATE OR REPLACE TEMP TABLE ${quoteIdentifier(file.table)} (${INSIGHT_COLUMNS[file.table]})`);
    await engine.exec(
      `INSERT INTO ${quoteIdentifier(file.table)} SELECT ${expected.map((c) => `CAST(${quoteIdentifier(c.name)} AS ${c.type})`).join(', ')} FROM ${rows}`,
    );
    await engine.exec(`DROP TABLE ${rows}`);
    const [row] = await engine.query<{ n: number }>(`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM ${quoteIdentifier(file.table)}`);
    counts[file.table] = row?.n ?? 0;
  }
  return counts;
}
