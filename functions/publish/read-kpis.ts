import { kpiPartition, type OutputTable } from '../compute/tables.ts';
import type { StageContext } from '../context.ts';
import { DuckDbEngine } from '../engine/duckdb.ts';
import { quoteLiteral } from '../engine/engine.ts';
import { liveTableKeys } from '../compute/live-version.ts';
import { stageKeys } from '../store/stage-keys.ts';
import { PublishError } from './errors.ts';
import {
  entityKey,
  type BreakdownRow,
  type Entity,
  type KpiSeries,
  type Level,
  type Period,
  type PeriodType,
  type SiteData,
} from './site-data.ts';

/** The KPI tables of one version, shaped for the pages. */
export type VersionKpis = Pick<SiteData, 'months' | 'quarters' | 'entities' | 'values' | 'breakdowns'>;


/** The Parquet files of one version's table, staged locally when the lake is on S3. */
async function tableFiles(ctx: StageContext, table: OutputTable, asOf: string): Promise<string[]> {
  // only the files the version's pointer names: never a half-switched partition
  return stageKeys(ctx.store, await liveTableKeys(ctx.store, table, asOf), ctx.scratch);
}

const source = (files: string[]): string => `read_parquet([${files.map(quoteLiteral).join(', ')}], union_by_name = true, hive_partitioning = false)`;

// dates leave the engine as YYYY-MM-DD text and numbers as DOUBLE (no bigint, no DECIMAL strings)
const dateText = (column: string): string => `CAST(CAST(${column} AS DATE) AS VARCHAR)`;

interface ValueRow {
  kpi: string;
  level: Level;
  entity_id: string;
  period_type: PeriodType;
  period_start: string;
  period_end: string;
  value: number | null;
}

interface BreakdownQueryRow extends ValueRow {
  dimension: string;
  dimension_value: string | null;
}

interface EntityRow {
  level: Level;
  entity_id: string;
  name: string | null;
  email: string | null;
  manager_id: string | null;
  is_active: boolean | null;
  team_id: string | null;
}

function lastDayOf(type: PeriodType, start: string): string {
  const date = new Date(`${start}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + (type === 'month' ? 1 : 3), 0);
  return date.toISOString().slice(0, 10);
}

/** The distinct periods of the rows, oldest first, the last `count` of them. */
function periodsOf(rows: Pick<ValueRow, 'period_type' | 'period_start' | 'period_end'>[], type: PeriodType, count: number): Period[] {
  const ends = new Map<string, string>();
  for (const row of rows) if (row.period_type === type) ends.set(row.period_start, row.period_end);
  return [...ends.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .slice(-count)
    .map(([start, end]) => ({ start, end, running: end < lastDayOf(type, start) }));
}

/** Entities from the rows alone, for a version written without an `entities` table. */
function entitiesFromRows(rows: Pick<ValueRow, 'level' | 'entity_id'>[]): Entity[] {
  const seen = new Map<string, Entity>();
  for (const row of rows) {
    const key = entityKey(row.level, row.entity_id);
    if (!seen.has(key)) {
      seen.set(key, { level: row.level, id: row.entity_id, name: row.entity_id, email: null, managerId: null, isActive: true, teamId: null });
    }
  }
  return [...seen.values()];
}

function toEntity(row: EntityRow): Entity {
  return {
    level: row.level,
    id: row.entity_id,
    // a user without a name in the CRM is still someone: show the id
    name: row.name?.trim() || (row.level === 'org' ? '' : row.entity_id),
    email: row.email,
    managerId: row.manager_id,
    isActive: row.is_active ?? true,
    teamId: row.team_id,
  };
}

/**
 * Reads the KPI tables of version `asOf` (and the current periods of
 * `previousAsOf`, for the changes since then) in one DuckDB session and
 * shapes them for the pages.
 *
 * @example
 * const kpis = await readVersionKpis(ctx, '2026-11-26', '2026-11-25');
 * kpis.values['team:005Hs0000000002AAA']?.bookings?.quarter.at(-1); // bookings this quarter so far
 */
export async function readVersionKpis(ctx: StageContext, asOf: string, previousAsOf: string | null): Promise<VersionKpis> {
  const valueFiles = await tableFiles(ctx, 'kpi_values', asOf);
  if (valueFiles.length === 0) {
    throw new PublishError(
      `there are no KPI tables as of ${asOf} in ${ctx.store.description} (${kpiPartition('kpi_values', asOf)} is empty)`,
      `compute them first: scorecard compute --as-of ${asOf}`,
    );
  }
  const breakdownFiles = await tableFiles(ctx, 'kpi_breakdowns', asOf);
  const entityFiles = await tableFiles(ctx, 'entities', asOf);
  const previousFiles = previousAsOf ? await tableFiles(ctx, 'kpi_values', previousAsOf) : [];

  const engine = await DuckDbEngine.open({ threads: 2 });
  try {
    const valueColumns = `kpi, level, entity_id, period_type, ${dateText('period_start')} AS period_start,
      ${dateText('period_end')} AS period_end, CAST(value AS DOUBLE) AS value`;
    await engine.exec(
      `CREATE TEMP TABLE version_values AS
       SELECT *, level || ':' || entity_id AS entity_key, period_type || ':' || period_start AS period_key
       FROM (SELECT ${valueColumns} FROM ${source(valueFiles)})`,
    );
    const periods = await engine.query<Pick<ValueRow, 'period_type' | 'period_start' | 'period_end'>>(
      'SELECT DISTINCT period_type, period_start, period_end FROM version_values',
    );
    const months = periodsOf(periods, 'month', 12);
    const quarters = periodsOf(periods, 'quarter', 4);
    const currentStarts = [months.at(-1)?.start, quarters.at(-1)?.start].filter((s): s is string => s !== undefined);
    const inCurrent = currentStarts.length
      ? `${dateText('period_start')} IN (${currentStarts.map(quoteLiteral).join(', ')})`
      : 'FALSE';

    const previous = previousFiles.length
      ? await engine.query<ValueRow>(`SELECT ${valueColumns} FROM ${source(previousFiles)} WHERE ${inCurrent}`)
      : [];
    // the pipeline-by-stage chart draws open_pipeline by stage in every quarter of the report, and
    // nothing shows the other stage rows; the other breakdowns are shown for the current periods only
    const stageQuarters = quarters.length
      ? `kpi = 'open_pipeline' AND period_type = 'quarter'
         AND ${dateText('period_start')} IN (${quarters.map((q) => quoteLiteral(q.start)).join(', ')})`
      : 'FALSE';
    const breakdowns = breakdownFiles.length
      ? await engine.query<BreakdownQueryRow>(
          `SELECT ${valueColumns}, dimension, dimension_value FROM ${source(breakdownFiles)}
           WHERE CASE WHEN dimension = 'stage' THEN ${stageQuarters} ELSE ${inCurrent} END
           ORDER BY kpi, dimension, dimension_value, period_start`,
        )
      : [];
    const entities = entityFiles.length
      ? (
          await engine.query<EntityRow>(
            `SELECT level, entity_id, name, email, manager_id, CAST(is_active AS BOOLEAN) AS is_active, team_id
             FROM ${source(entityFiles)} ORDER BY level, name, entity_id`,
          )
        ).map(toEntity)
      : entitiesFromRows(await engine.query<Pick<ValueRow, 'level' | 'entity_id'>>('SELECT DISTINCT level, entity_id FROM version_values ORDER BY level, entity_id'));
    if (entityFiles.length === 0) ctx.log.warn(`no entities table as of ${asOf}: pages show ids instead of names`);

    return {
      months,
      quarters,
      entities,
      values: shapeValues(await readCoded(engine), previous, months, quarters),
      breakdowns: shapeBreakdowns(breakdowns, months, quarters),
    };
  } finally {
    await engine.close();
  }
}

/**
 * The values of version_values as codes into three small dictionaries:
 * turning a million rows into JavaScript costs about 7 times less as numbers
 * than as an object of strings per row.
 */
interface CodedValues {
  /** `level:id` */
  entities: string[];
  kpis: string[];
  /** `month:2026-11-01` */
  periods: string[];
  entity: number[];
  kpi: number[];
  period: number[];
  value: (number | null)[];
}

async function readCoded(engine: DuckDbEngine): Promise<CodedValues> {
  const names: Partial<Record<'entity_key' | 'kpi' | 'period_key', string[]>> = {};
  for (const column of ['entity_key', 'kpi', 'period_key'] as const) {
    await engine.exec(
      `CREATE TEMP TABLE dict_${column} AS
       SELECT x, CAST(row_number() OVER (ORDER BY x) - 1 AS INTEGER) AS code FROM (SELECT DISTINCT ${column} AS x FROM version_values)`,
    );
    names[column] = (await engine.queryColumns<{ x: string }>(`SELECT x FROM dict_${column} ORDER BY code`)).x;
  }
  const codes = await engine.queryColumns<{ entity: number; kpi: number; period: number; value: number | null }>(
    `SELECT e.code AS entity, k.code AS kpi, p.code AS period, v.value
     FROM version_values v
     JOIN dict_entity_key e ON e.x = v.entity_key
     JOIN dict_kpi k ON k.x = v.kpi
     JOIN dict_period_key p ON p.x = v.period_key`,
  );
  return { entities: names.entity_key ?? [], kpis: names.kpi ?? [], periods: names.period_key ?? [], ...codes };
}

function shapeValues(coded: CodedValues, previous: ValueRow[], months: Period[], quarters: Period[]): SiteData['values'] {
  // each period code → [type, index in months or quarters], or undefined when the report does not show it
  const positions = coded.periods.map((code): [PeriodType, number] | undefined => {
    const [type, start] = code.split(':') as [PeriodType, string];
    const index = (type === 'month' ? months : quarters).findIndex((p) => p.start === start);
    return index === -1 ? undefined : [type, index];
  });
  const values: SiteData['values'] = {};
  for (let i = 0; i < coded.value.length; i++) {
    const at = positions[coded.period[i]!];
    if (!at) continue;
    const byKpi = (values[coded.entities[coded.entity[i]!]!] ??= {});
    const series = (byKpi[coded.kpis[coded.kpi[i]!]!] ??= {
      month: months.map(() => null),
      quarter: quarters.map(() => null),
      prevVersionMonth: null,
      prevVersionQuarter: null,
    } satisfies KpiSeries);
    series[at[0]][at[1]] = coded.value[i] ?? null;
  }
  const currentMonth = months.at(-1)?.start;
  const currentQuarter = quarters.at(-1)?.start;
  for (const row of previous) {
    const key = entityKey(row.level, row.entity_id);
    // a KPI or entity that is gone from this version has nothing to compare with
    const target = values[key]?.[row.kpi];
    if (!target) continue;
    if (row.period_type === 'month' && row.period_start === currentMonth) target.prevVersionMonth = row.value;
    if (row.period_type === 'quarter' && row.period_start === currentQuarter) target.prevVersionQuarter = row.value;
  }
  return values;
}

function shapeBreakdowns(rows: BreakdownQueryRow[], months: Period[], quarters: Period[]): SiteData['breakdowns'] {
  const out: SiteData['breakdowns'] = {};
  const quarterStarts = new Set(quarters.map((q) => q.start));
  for (const row of rows) {
    const current = row.period_type === 'month' ? months.at(-1) : quarters.at(-1);
    const wanted =
      row.dimension === 'stage' ? row.period_type === 'quarter' && quarterStarts.has(row.period_start) : row.period_start === current?.start;
    if (!wanted) continue;
    const item: BreakdownRow = {
      period: row.period_type,
      start: row.period_start,
      kpi: row.kpi,
      dimension: row.dimension,
      dimensionValue: row.dimension_value ?? 'Unknown',
      value: row.value,
    };
    (out[entityKey(row.level, row.entity_id)] ??= []).push(item);
  }
  return out;
}
