import type { StageContext } from '../../context.ts';
import type { Engine } from '../../engine/engine.ts';
import { readInsightSql, type InsightSql } from '../insights.ts';
import { readKpiSql, type KpiSql } from '../kpi-sql.ts';
import type { RunParams } from '../params.ts';
import { athenaLakeBucket } from './athena-config.ts';
import { insightSteps, stagedInsightSql } from './insight-steps.ts';
import { runAthenaSteps, type RunStepsOptions } from './run-steps.ts';
import { stagedKpiSql } from './staged-sql.ts';
import { athenaSteps, stagingPrefix } from './steps.ts';
import { registerCanonicalViews } from './views.ts';

export interface AthenaComputeOptions extends RunStepsOptions {
  /** re-create the canonical views from sql/canonical/ first (default true) */
  registerViews?: boolean;
  /** only the KPI families, no insight SQL (the kpi_same_point runs: functions/compute/same-point.ts) */
  kpisOnly?: boolean;
}

/**
 * The heavy part of a compute run on Athena: every KPI family (and the
 * building blocks the checks need) and the insight SQL that does not read
 * the KPI output tables (functions/compute/athena/insight-steps.ts) runs there as one query over the Glue
 * tables and views, unloaded as Parquet to `staging/compute/as_of=D/`.
 * `write` then gets the run's KPI SQL rewritten to read those rows (see
 * {@link stagedKpiSql}) and checks and writes the version as a DuckDB run
 * does. The staging prefix is cleared before and after, so a re-run starts
 * clean, and `kpi/<table>/as_of=D/` is only replaced once every query has
 * succeeded.
 *
 * @example
 * await computeOnAthena(ctx, params, athenaEngineFor(ctx.config), (staged) => writeVersion(ctx, params, staged));
 */
export async function computeOnAthena<T>(
  ctx: StageContext,
  params: RunParams,
  athena: Engine,
  write: (staged: KpiSql, stagedInsights: InsightSql) => Promise<T>,
  options: AthenaComputeOptions = {},
): Promise<T> {
  const log = ctx.log.child('athena');
  // every statement is built and checked against Athena's limits before the first one runs
  const kpiSql = await readKpiSql();
  const insightSql: InsightSql = options.kpisOnly ? { blocks: [], tables: [] } : await readInsightSql();
  const kpiSteps = athenaSteps(kpiSql, params, athenaLakeBucket(ctx.config));
  const insights = insightSteps(kpiSql, insightSql, params, athenaLakeBucket(ctx.config));
  if (options.registerViews ?? true) log.info(`${await registerCanonicalViews(athena)} canonical views registered`);
  const staging = stagingPrefix(params.asOf);
  await ctx.store.deletePrefix(staging);
  try {
    await runAthenaSteps(athena, [...kpiSteps, ...insights], ctx.store, log, options);
    return await write(
      await stagedKpiSql(ctx, kpiSteps, params.asOf),
      await stagedInsightSql(ctx, insights, insightSql, params.asOf),
    );
  } finally {
    // the staged rows are personal data and serve no later run
    await ctx.store.deletePrefix(staging);
  }
}
