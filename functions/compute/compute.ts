import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StageContext } from '../context.ts';
import { DuckDbEngine } from '../engine/duckdb.ts';
import { quoteLiteral } from '../engine/engine.ts';
import { openLake } from '../engine/lake.ts';
import { athenaEngineFor } from './athena/athena-config.ts';
import { computeOnAthena } from './athena/compute-on-athena.ts';
import type { KpiSql } from './kpi-sql.ts';
import { runParams, type RunParams } from './params.ts';
import { computeKpiTables, OUTPUT_TABLES, type OutputTable } from './tables.ts';
import { dropSupersededParts, partKey, switchLiveVersion, type LiveVersion } from './live-version.ts';
import { crashPoint } from '../run/crash-point.ts';
import type { Lease } from '../run/lease.ts';

/**
 * Computes every KPI for as_of D from the lake's current state and replaces
 * kpi/<table>/as_of=D/ (kpi_values, kpi_breakdowns, entities): new files
 * beside the old, then one pointer write (live-version.ts). The result
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
export async function computeVersion(
  ctx: StageContext,
  asOf: string,
  lease?: Lease,
): Promise<{ rows: Record<string, number> }> {
  const params = runParams(ctx.config, asOf);
  if (ctx.config.engine === 'athena') {
    const athena = athenaEngineFor(ctx.config);
    try {
      return await computeOnAthena(ctx, params, athena, async (staged) =>
        writeVersion(ctx, params, await DuckDbEngine.open(), staged, lease),
      );
    } finally {
      await athena.close();
    }
  }
  return writeVersion(ctx, params, await openLake(ctx), undefined, lease);
}

/** Runs the KPI SQL (the files of sql/kpis/, or `sql`) on `engine`, closes it, and replaces the version's partitions. */
async function writeVersion(
  ctx: StageContext,
  params: RunParams,
  engine: DuckDbEngine,
  sql?: KpiSql,
  lease?: Lease,
): Promise<{ rows: Record<string, number> }> {
  const { asOf } = params;
  const dir = join(ctx.scratch, 'kpi', asOf);
  await mkdir(dir, { recursive: true });
  let rows: Record<OutputTable, number>;
  try {
    rows = await computeKpiTables(engine, params, sql);
    for (const table of OUTPUT_TABLES) {
      await engine.exec(`COPY ${table} TO ${quoteLiteral(join(dir, `${table}.parquet`))} (FORMAT parquet)`);
    }
  } finally {
    await engine.close();
  }
  // every file is written beside the old version before one write switches to the new one (live-version.ts)
  const live: LiveVersion = { asOf, tables: {} };
  for (const table of OUTPUT_TABLES) {
    const bytes = await readFile(join(dir, `${table}.parquet`));
    const key = partKey(table, asOf, bytes);
    await ctx.store.put(key, bytes, 'application/vnd.apache.parquet');
    live.tables[table] = key;
    crashPoint('compute:part-written');
  }
  await lease?.check();
  await switchLiveVersion(ctx.store, live);
  crashPoint('compute:switched');
  await dropSupersededParts(ctx.store, live);
  ctx.log.info(`as of ${asOf}: ${OUTPUT_TABLES.map((t) => `${t} ${rows[t]} rows`).join(', ')}`);
  return { rows };
}
