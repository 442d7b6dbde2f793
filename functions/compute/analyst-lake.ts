import type { StageContext } from '../context.ts';
import type { DuckDbEngine } from '../engine/duckdb.ts';
import { quoteIdentifier, quoteLiteral } from '../engine/engine.ts';
import { openLake } from '../engine/lake.ts';
import { stageKeys } from '../store/stage-keys.ts';
import { liveKeyFilter } from './live-version.ts';
import { AnalystQueryError } from './errors.ts';
import { kpiTablePrefix, OUTPUT_COLUMNS, OUTPUT_TABLES } from './tables.ts';

/**
 * DuckDB over the whole lake for analysts: the canonical tables
 * (`opportunities`, `accounts`, `users`, ...) and `raw_<table>` of
 * {@link openLake}, plus views `kpi_values`, `kpi_breakdowns` and `entities`
 * over every computed version (filter on `as_of`); the same names analysts
 * use on Athena. A table no version has yet is an empty relation with the
 * right columns.
 *
 * @example
 * const engine = await openAnalystLake(ctx);
 * await engine.query("SELECT as_of, value FROM kpi_values WHERE kpi = 'bookings' AND level = 'org'");
 */
export async function openAnalystLake(ctx: StageContext): Promise<DuckDbEngine> {
  const engine = await openLake(ctx);
  try {
    const live = await liveKeyFilter(ctx.store);
    for (const table of OUTPUT_TABLES) {
      // the live file of each version only (compute/live-version.ts)
      const files = await stageKeys(ctx.store, (await ctx.store.list(kpiTablePrefix(table))).filter(live), ctx.scratch);
      const name = quoteIdentifier(table);
      await engine.exec(
        files.length === 0
          ? `CREATE OR REPLACE TABLE ${name} (${OUTPUT_COLUMNS[table]})`
          : `CREATE OR REPLACE VIEW ${name} AS SELECT * FROM read_parquet([${files.map(quoteLiteral).join(', ')}], hive_partitioning = false)`,
      );
    }
    return engine;
  } catch (error) {
    await engine.close();
    throw error;
  }
}

const TABLES_HINT =
  'the tables are kpi_values, kpi_breakdowns, entities and the canonical ones (opportunities, accounts, users, ...): .tables in the shell lists them';

/** A query's rows and its column names (also when it returns no row). */
export interface QueryResult {
  columns: string[];
  rows: Record<string, unknown>[];
}

/**
 * Runs one analyst statement; an engine error becomes an
 * {@link AnalystQueryError} that the CLI prints without a stack trace.
 *
 * @example
 * const { columns, rows } = await analystQuery(engine, 'SELECT count(*) AS n FROM opportunities');
 */
export async function analystQuery(engine: DuckDbEngine, sql: string): Promise<QueryResult> {
  const statement = sql.trim().replace(/;\s*$/, '');
  let rows: Record<string, unknown>[];
  try {
    rows = await engine.query(statement);
  } catch (error) {
    throw new AnalystQueryError(error instanceof Error ? error.message : String(error), TABLES_HINT, { cause: error });
  }
  const first = rows[0];
  if (first) return { columns: Object.keys(first), rows };
  // no row to take the names from: ask the engine to describe the query (only queries can be described)
  try {
    const described = await engine.query<{ column_name: string }>(`DESCRIBE ${statement}`);
    return { columns: described.map((d) => d.column_name), rows };
  } catch {
    return { columns: [], rows };
  }
}
