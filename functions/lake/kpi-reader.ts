import type { StageContext } from '../context.ts';
import { DuckDbEngine } from '../engine/duckdb.ts';
import { quoteIdentifier, quoteLiteral } from '../engine/engine.ts';
import { stageKeys } from '../store/local.ts';
import { liveKeyFilter, liveTableKeys } from './live-version.ts';
import { kpiTablePrefix, OUTPUT_COLUMNS, type OutputTable } from './output-tables.ts';

/*
 * The one reader of the KPI output tables. Publish, notify and the analyst
 * lake each ask for the versions they need as DuckDB relations and query
 * those; none of them lists keys, stages files or writes `read_parquet`.
 */

/** A relation to create: `table` of version `asOf` (every version when `asOf` is omitted) under the name `as`. */
export interface KpiRelation {
  table: OutputTable;
  asOf?: string;
  as: string;
}

/**
 * Creates `relation.as` on `engine` over the Parquet files of one output
 * table, staged locally when the lake is on S3: only the files the version
 * pointers name (live-version.ts), never those of a compute still running
 * or one that crashed. With no file it is an empty
 * relation of the table's columns, so SQL over it still runs. Returns how
 * many files it found.
 */
export async function registerKpiRelation(engine: DuckDbEngine, ctx: StageContext, relation: KpiRelation): Promise<number> {
  const keys =
    relation.asOf === undefined
      ? (await ctx.store.list(kpiTablePrefix(relation.table))).filter(await liveKeyFilter(ctx.store))
      : await liveTableKeys(ctx.store, relation.table, relation.asOf);
  const files = await stageKeys(ctx.store, keys.sort(), ctx.scratch);
  const name = quoteIdentifier(relation.as);
  await engine.exec(
    files.length === 0
      ? `CREATE OR REPLACE TABLE ${name} (${OUTPUT_COLUMNS[relation.table]})`
      : `CREATE OR REPLACE VIEW ${name} AS SELECT * FROM read_parquet([${files.map(quoteLiteral).join(', ')}], union_by_name = true, hive_partitioning = false)`,
  );
  return files.length;
}

/** A DuckDB session over some KPI relations, and how many files each had. */
export interface KpiSession {
  engine: DuckDbEngine;
  files: Record<string, number>;
}

/**
 * Opens a DuckDB session with the given KPI relations; the caller closes
 * `engine`.
 *
 * @example
 * const { engine, files } = await openKpiTables(ctx, [{ table: 'kpi_values', asOf: '2026-11-26', as: 'kpi_values' }]);
 * if (files.kpi_values === 0) throw new Error('not computed');
 */
export async function openKpiTables(ctx: StageContext, relations: KpiRelation[], threads = 2): Promise<KpiSession> {
  const engine = await DuckDbEngine.open({ ...ctx.duckdb, threads });
  try {
    const files: Record<string, number> = {};
    for (const relation of relations) files[relation.as] = await registerKpiRelation(engine, ctx, relation);
    return { engine, files };
  } catch (error) {
    await engine.close();
    throw error;
  }
}
