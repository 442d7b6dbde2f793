import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StageContext } from '../context.ts';
import { DuckDbEngine } from '../engine/duckdb.ts';
import { quoteLiteral } from '../engine/engine.ts';
import { openLake } from '../lake/open.ts';
import { athenaEngineFor } from './athena/athena-config.ts';
import { computeOnAthena } from './athena/compute-on-athena.ts';
import { computeInsightTables, type InsightSql } from './insights.ts';
import type { KpiSql } from './kpi-sql.ts';
import { runParams, type RunParams } from './params.ts';
import { loadSamePoint, writeSamePointFiles, type SamePointSession } from './same-point.ts';
import { computeKpiTables } from './tables.ts';
import { OUTPUT_TABLES, SAME_POINT_TABLE, type OutputTable } from '../lake/output-tables.ts';
import { dropSupersededParts, partKey, switchLiveVersion, type LiveVersion } from '../lake/live-version.ts';
import { crashPoint } from '../run/crash-point.ts';
import type { Lease } from '../run/lease.ts';

/**
 * Computes every KPI for as_of D from the lake's current state and replaces
 * kpi/<table>/as_of=D/ (kpi_values, kpi_breakdowns, entities, and the
 * insight tables of sql/insights/): new files beside the old, then one
 * pointer write (lake/live-version.ts). The result
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
  const dir = join(ctx.scratch, 'kpi', asOf);
  await mkdir(dir, { recursive: true });
  if (ctx.config.engine === 'athena') {
    const athena = athenaEngineFor(ctx.config);
    try {
      // each kpi_same_point run stages its KPI rows under its own as_of (pe′) and reads them back at once; the
      // canonical views are already registered by the main run around it
      const session: SamePointSession = (run, use) =>
        computeOnAthena(ctx, run, athena, async (staged) => closing(await DuckDbEngine.open(ctx.duckdb), (e) => use(e, staged)), {
          kpisOnly: true,
          registerViews: false,
        });
      return await computeOnAthena(ctx, params, athena, async (staged, stagedInsights) => {
        const samePoint = await writeSamePointFiles(params, dir, session);
        return writeVersion(ctx, params, await DuckDbEngine.open(ctx.duckdb), samePoint, lease, staged, stagedInsights);
      });
    } finally {
      await athena.close();
    }
  }
  // kpi_same_point in sessions of their own over the same lake, so the main run's temporary tables stay as they are
  const samePoint = await writeSamePointFiles(params, dir, async (_, use) => closing(await openLake(ctx), (e) => use(e)));
  return writeVersion(ctx, params, await openLake(ctx), samePoint, lease);
}

async function closing<T>(engine: DuckDbEngine, use: (engine: DuckDbEngine) => Promise<T>): Promise<T> {
  try {
    return await use(engine);
  } finally {
    await engine.close();
  }
}

/** Runs the KPI and insight SQL (the files of sql/, or the staged `sql` and `insights`) on `engine`, closes it, and replaces the version's partitions. */
async function writeVersion(
  ctx: StageContext,
  params: RunParams,
  engine: DuckDbEngine,
  samePoint: string[],
  lease?: Lease,
  sql?: KpiSql,
  insights?: InsightSql,
): Promise<{ rows: Record<string, number> }> {
  const { asOf } = params;
  const dir = join(ctx.scratch, 'kpi', asOf);
  let rows: Record<OutputTable, number>;
  try {
    // the insight SQL reads the KPI run's blocks and tables, in the same session
    rows = {
      ...(await computeKpiTables(engine, params, sql)),
      ...(await computeInsightTables(engine, params, insights)),
      [SAME_POINT_TABLE]: await loadSamePoint(engine, samePoint),
    };
    for (const table of OUTPUT_TABLES) {
      await engine.exec(`COPY ${table} TO ${quoteLiteral(join(dir, `${table}.parquet`))} (FORMAT parquet)`);
    }
  } finally {
    await engine.close();
  }
  // every file is written beside the old version before one write switches to the new one (lake/live-version.ts)
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
