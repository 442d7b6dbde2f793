import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { StageContext } from '../context.ts';
import type { DuckDbEngine } from '../engine/duckdb.ts';
import { quoteIdentifier, quoteLiteral } from '../engine/engine.ts';
import { openLake } from '../engine/lake.ts';
import { stageToLocal } from '../store/local.ts';
import { AnalystQueryError } from './errors.ts';
import { kpiTablePrefix, OUTPUT_TABLES, type OutputTable } from './tables.ts';

/** The columns of the output tables (KPIS.md "Output tables"), for an empty lake. */
const OUTPUT_COLUMNS: Record<OutputTable, string> = {
  kpi_values: `as_of DATE, kpi VARCHAR, level VARCHAR, entity_id VARCHAR, period_type VARCHAR, period_start DATE,
    period_end DATE, value DOUBLE, numerator DOUBLE, denominator DOUBLE`,
  kpi_breakdowns: `as_of DATE, kpi VARCHAR, level VARCHAR, entity_id VARCHAR, period_type VARCHAR, period_start DATE,
    period_end DATE, value DOUBLE, numerator DOUBLE, denominator DOUBLE, dimension VARCHAR, dimension_value VARCHAR`,
  entities: `as_of DATE, level VARCHAR, entity_id VARCHAR, name VARCHAR, email VARCHAR, manager_id VARCHAR,
    is_active BOOLEAN, team_id VARCHAR`,
};

async function parquetFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const names = await readdir(dir, { recursive: true });
  return names
    .filter((n) => n.endsWith('.parquet'))
    .map((n) => join(dir, n))
    .sort();
}

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
    for (const table of OUTPUT_TABLES) {
      const files = await parquetFiles(await stageToLocal(ctx.store, kpiTablePrefix(table), ctx.scratch));
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
