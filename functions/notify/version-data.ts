import type { StageContext } from '../context.ts';
import { DuckDbEngine } from '../engine/duckdb.ts';
import { quoteLiteral } from '../engine/engine.ts';
import { liveTableKeys } from '../compute/live-version.ts';
import type { OutputTable } from '../compute/tables.ts';
import { stageKeys } from '../store/stage-keys.ts';
import { VersionNotFoundError } from './errors.ts';
import { kpiVersions, previousVersion } from './versions.ts';

export type Level = 'ae' | 'team' | 'org';

/** A row of the version's `entities` table. */
export interface Entity {
  level: Level;
  entityId: string;
  name: string | null;
  email: string | null;
  managerId: string | null;
  isActive: boolean;
  teamId: string | null;
}

/** One KPI of one entity for the quarter that contains as-of, with its value in the previous version. */
export interface KpiReading {
  kpi: string;
  level: Level;
  entityId: string;
  periodStart: string;
  periodEnd: string;
  value: number | null;
  /** the same KPI, entity and period in the previous version; null when it had none */
  previous: number | null;
}

/** What the e-mails of one version are made of. */
export interface VersionData {
  asOf: string;
  previousAsOf: string | undefined;
  entities: Entity[];
  readings: KpiReading[];
}

/** Local paths of the Parquet files of one partition (staged from S3 when the lake is a bucket). */
async function partitionFiles(ctx: StageContext, table: OutputTable, asOf: string): Promise<string[]> {
  // the live files of the version (compute/live-version.ts), never a half-switched partition
  return stageKeys(ctx.store, await liveTableKeys(ctx.store, table, asOf), ctx.scratch);
}

const parquet = (files: string[]): string =>
  `read_parquet([${files.map(quoteLiteral).join(', ')}], hive_partitioning = false)`;

/**
 * Reads the version's entities and its quarter-to-date KPI values, joined
 * with the previous version's values for the same periods.
 *
 * @example
 * const data = await readVersionData(ctx, '2026-11-26');
 * data.readings.filter((r) => r.kpi === 'bookings' && r.level === 'org');
 */
export async function readVersionData(ctx: StageContext, asOf: string): Promise<VersionData> {
  const versions = await kpiVersions(ctx.store);
  const previousAsOf = previousVersion(versions, asOf);
  const valueFiles = await partitionFiles(ctx, 'kpi_values', asOf);
  const entityFiles = await partitionFiles(ctx, 'entities', asOf);
  if (valueFiles.length === 0 || entityFiles.length === 0) {
    throw new VersionNotFoundError(
      `no KPI tables for as-of ${asOf} in ${ctx.store.description} (kpi/kpi_values and kpi/entities)`,
      versions.length > 0
        ? `compute that date first (scorecard compute --as-of ${asOf}); versions present: ${versions.slice(-5).join(', ')}`
        : `compute that date first: scorecard compute --as-of ${asOf}`,
    );
  }
  const previousFiles = previousAsOf ? await partitionFiles(ctx, 'kpi_values', previousAsOf) : [];

  const engine = await DuckDbEngine.open({ threads: 1 });
  try {
    const entities = await engine.query<Entity>(`
      SELECT level, entity_id AS "entityId", name, email, manager_id AS "managerId",
             COALESCE(CAST(is_active AS BOOLEAN), true) AS "isActive", team_id AS "teamId"
      FROM ${parquet(entityFiles)}
      WHERE level IN ('ae', 'team', 'org')
      ORDER BY level, entity_id`);
    // the summary covers the quarter that contains as-of: its period_end is as-of
    const previous = previousFiles.length
      ? `SELECT kpi, level, entity_id, period_start, value FROM ${parquet(previousFiles)} WHERE period_type = 'quarter'`
      : `SELECT CAST(NULL AS VARCHAR) AS kpi, CAST(NULL AS VARCHAR) AS level, CAST(NULL AS VARCHAR) AS entity_id,
                CAST(NULL AS DATE) AS period_start, CAST(NULL AS DOUBLE) AS value WHERE false`;
    const readings = await engine.query<KpiReading>(`
      WITH cur AS (
        SELECT kpi, level, entity_id, period_start, period_end, value
        FROM ${parquet(valueFiles)}
        WHERE period_type = 'quarter' AND CAST(period_end AS DATE) = DATE ${quoteLiteral(asOf)}
      ), prev AS (${previous})
      SELECT cur.kpi, cur.level, cur.entity_id AS "entityId",
             CAST(CAST(cur.period_start AS DATE) AS VARCHAR) AS "periodStart",
             CAST(CAST(cur.period_end AS DATE) AS VARCHAR) AS "periodEnd",
             CAST(cur.value AS DOUBLE) AS value, CAST(prev.value AS DOUBLE) AS previous
      FROM cur LEFT JOIN prev
        ON prev.kpi = cur.kpi AND prev.level = cur.level AND prev.entity_id = cur.entity_id
       AND CAST(prev.period_start AS DATE) = CAST(cur.period_start AS DATE)
      WHERE cur.level IN ('ae', 'team', 'org')
      ORDER BY cur.level, cur.entity_id, cur.kpi`);
    return { asOf, previousAsOf, entities, readings };
  } finally {
    await engine.close();
  }
}
