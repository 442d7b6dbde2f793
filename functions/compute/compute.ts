import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StageContext } from '../context.ts';
import { quoteLiteral } from '../engine/engine.ts';
import { openLake } from '../engine/lake.ts';
import { runParams } from './params.ts';
import { computeKpiTables, kpiPartition, OUTPUT_TABLES, type OutputTable } from './tables.ts';

/**
 * Computes every KPI for as_of D from the lake's current state and replaces
 * kpi/<table>/as_of=D/ (kpi_values, kpi_breakdowns, entities). The result
 * depends only on the ingested drops, the config and D (never on the clock),
 * so a re-run gives the same tables and a past D recomputes that version;
 * other as_of partitions are never touched.
 *
 * @example
 * const { rows } = await computeVersion(ctx, '2026-11-26');
 * rows.kpi_values; // 49 KPIs × entities × 16 periods
 */
export async function computeVersion(ctx: StageContext, asOf: string): Promise<{ rows: Record<string, number> }> {
  const params = runParams(ctx.config, asOf);
  const engine = await openLake(ctx);
  const dir = join(ctx.scratch, 'kpi', asOf);
  await mkdir(dir, { recursive: true });
  let rows: Record<OutputTable, number>;
  try {
    rows = await computeKpiTables(engine, params);
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
