import { join } from 'node:path';
import type { Engine } from '../engine/engine.ts';
import { quoteLiteral } from '../engine/engine.ts';
import { periodCalendar } from './calendar.ts';
import { ComputeError } from './errors.ts';
import type { KpiSql } from './kpi-sql.ts';
import type { RunParams } from './params.ts';
import { OUTPUT_COLUMNS, SAME_POINT_TABLE } from '../lake/output-tables.ts';
import { computeKpiTables } from './tables.ts';

/**
 * The runs behind `kpi_same_point`: for each period type whose current
 * period is still running at D, a run with as-of pe′ and P′ as its only
 * period, where P′ = [ps′, pe′] is the comparison period of
 * `bookings_growth_pct` (`prevStart`/`prevEnd` of the calendar). The period
 * is taken from the calendar of as-of pe′, so the run sees exactly what a
 * full run on that day would: pe′ is never after P′'s last day, so P′ has
 * not ended there and `forecast_accuracy_pct` is NULL. A complete period
 * (D its last day) needs no run: it is compared with the whole previous
 * period, which `kpi_values` already holds.
 *
 * @example
 * samePointRuns(runParams(config, '2026-11-26')).map((p) => [p.asOf, p.periods[0]?.start]);
 * // [['2026-10-26', '2026-10-01'], ['2026-08-26', '2026-07-01']]
 */
export function samePointRuns(params: RunParams): RunParams[] {
  const runs: RunParams[] = [];
  for (const type of ['month', 'quarter'] as const) {
    const current = params.periods.filter((p) => p.type === type).at(-1);
    if (!current || current.isComplete) continue;
    const period = periodCalendar(current.prevEnd, params.fiscalYearStartMonth).find(
      (p) => p.type === type && p.start === current.prevStart,
    );
    if (!period || period.end !== current.prevEnd) {
      throw new ComputeError(`no ${type} starting ${current.prevStart} in the calendar of ${current.prevEnd}`);
    }
    runs.push({ ...params, asOf: current.prevEnd, periods: [period] });
  }
  return runs;
}

/**
 * The {@link samePointRuns} as one KPI run over both P′ periods (each taken
 * from the calendar of its own pe′, with its own flags), or undefined when
 * no period is running. The KPI SQL reads as_of only through the period
 * rows (`run_params` gives the org's row its existence, not a date), so this
 * writes the same rows as one run per pe′ at half the cost: the building
 * blocks run once. test/integration/insights/same-point.test.ts compares
 * the rows with whole compute runs as of each pe′, so a KPI that starts to
 * read as_of itself would fail there.
 */
export function samePointRun(params: RunParams): RunParams | undefined {
  const runs = samePointRuns(params);
  if (runs.length === 0) return undefined;
  const asOf = runs.map((r) => r.asOf).reduce((a, b) => (a > b ? a : b));
  return { ...params, asOf, periods: runs.flatMap((r) => r.periods) };
}

/**
 * An engine session for one same-point run: `use` gets a fresh engine (over
 * the same lake, or over the rows staged from Athena for that run, with the
 * KPI SQL that reads them) and the engine is closed afterwards.
 */
export type SamePointSession = (run: RunParams, use: (engine: Engine, sql?: KpiSql) => Promise<void>) => Promise<void>;

/**
 * Runs the KPI SQL for {@link samePointRun} and writes its `kpi_values`
 * rows, as_of set to D, to a Parquet file under `dir`. The run has its own
 * engine session, so the main run's temporary tables are never touched.
 * Returns the files (none when no period is running).
 *
 * @example
 * const files = await writeSamePointFiles(params, dir, async (run, use) => {
 *   const engine = await openLake(ctx);
 *   try { await use(engine); } finally { await engine.close(); }
 * });
 */
export async function writeSamePointFiles(params: RunParams, dir: string, session: SamePointSession): Promise<string[]> {
  const files: string[] = [];
  const run = samePointRun(params);
  if (run) {
    const file = join(dir, `${SAME_POINT_TABLE}.parquet`);
    await session(run, async (engine, sql) => {
      await computeKpiTables(engine, run, sql);
      await engine.exec(
        `COPY (SELECT DATE ${quoteLiteral(params.asOf)} AS as_of, kpi, level, entity_id, period_type, period_start,
           period_end, value, numerator, denominator FROM kpi_values) TO ${quoteLiteral(file)} (FORMAT parquet)`,
      );
    });
    files.push(file);
  }
  return files;
}

/**
 * Loads the files of {@link writeSamePointFiles} into the temporary table
 * `kpi_same_point` of `engine` (empty when there are none), typed as
 * `kpi_values`, in the runs' order.
 */
export async function loadSamePoint(engine: Engine, files: string[]): Promise<number> {
  await engine.exec(`CREATE OR REPLACE TEMP TABLE ${SAME_POINT_TABLE} (${OUTPUT_COLUMNS.kpi_values})`);
  if (files.length > 0) {
    await engine.exec(
      `INSERT INTO ${SAME_POINT_TABLE} SELECT * FROM read_parquet([${files.map(quoteLiteral).join(', ')}])`,
    );
  }
  const [row] = await engine.query<{ n: number }>(`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM ${SAME_POINT_TABLE}`);
  return row?.n ?? 0;
}
