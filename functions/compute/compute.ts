import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StageContext } from '../context.ts';
import { DuckDbEngine } from '../engine/duckdb.ts';
import { quoteLiteral } from '../engine/engine.ts';
import { openLake } from '../engine/lake.ts';
import { athenaEngineFor } from './athena/athena-config.ts';
import { computeOnAthena } from './athena/compute-on-athena.ts';
import { computeInsightTables, type InsightSql } from './insights.ts';
import type { KpiSql } from './kpi-sql.ts';
import { runParams, type RunParams } from './params.ts';
import { computeKpiTables, kpiPartition, OUTPUT_TABLES, type OutputTable } from './tables.ts';

/**
 * Computes every KPI for as_of D from the lake's current state and replaces
 * kpi/<table>/as_of=D/ (kpi_values, kpi_breakdowns, entities, and the
 * insight tables of sql/insights/). The result
 * depends only on the ingested drops, the config and D (never on the clock),
 * so a re-run gives the same tables and a past D recomputes that version;
 * other as_of partitions are never touched. With `engine: "athena"` the KPI
 * queries run on Athena (functions/compute/athena/) and only their rows are
 * checked and written here.
 *
 * @example
 * const { rows } = await computeVersion(ctx, '2026-11-26');
 * rows.kpi_values; // 49 KPIs × entities × 16 periods
 */
export async function computeVersion(ctx: StageContext, asOf: string): Promise<{ rows: Record<string, number> }> {
  const params = runParams(ctx.config, asOf);
  if (ctx.config.engine === 'athena') {
    const athena = athenaEngineFor(ctx.config);
    try {
      return await computeOnAthena(ctx, params, athena, async (staged, stagedInsights) =>
        writeVersion(ctx, params, await DuckDbEngine.open(), staged, stagedInsights),
      );
    } finally {
      await athena.close();
    }
  }
  return writeVersion(ctx, params, await openLake(ctx));
}

/** Runs the KPI and insight SQL (the files of sql/, or the staged `sql` and `insights`) on `engine`, closes it, and replaces the version's partitions. */
async function writeVersion(
  ctx: StageContext,
  params: RunParams,
  engine: DuckDbEngine,
  sql?: KpiSql,
  insights?: InsightSql,
): Promise<{ rows: Record<string, number> }> {
  const { asOf } = params;
  const dir = join(ctx.scratch, 'kpi', asOf);
  await mkdir(dir, { recursive: true });
  let rows: Record<OutputTable, number>;
  try {
    // the insight SQL reads the KPI run's blocks and tables, in the same session
    rows = { ...(await computeKpiTables(engine, params, sql)), ...(await computeInsightTables(engine, params, insights)) };
    for (const table of OUTPUT_TABLES) {
      await engine.exec(`COPY ${table} TO ${quoteLiteral(join(dir, `${table}.parquet`))} (FORMAT parquet)`);
    }
  } finally {
    await engine.close();
  }
  // every file is ready before the first partition is replaced: a failed run leaves the old version whole
  for (const table of OUTPUT_TABLES) {
    const prefix = kpiPartition(table, asOf);
    await ctx.store.deletePrefix(prefix);
    await ctx.store.put(`${prefix}part-0.parquet`, await readFile(join(dir, `${table}.parquet`)));
  }
  ctx.log.info(`as of ${asOf}: ${OUTPUT_TABLES.map((t) => `${t} ${rows[t]} rows`).join(', ')}`);
  return { rows };
}
