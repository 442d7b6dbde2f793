/*
 * The KPI output tables of the lake: what compute writes under `kpi/` and
 * what publish, notify and the Glue catalog read. Their keys are
 * `kpi/<table>/as_of=<date>/part-0.parquet`, one partition per version.
 */

import { INSIGHT_COLUMNS, INSIGHT_TABLES } from './insight-tables.ts';

/** The output tables of the KPI catalog. */
export const KPI_TABLES = ['kpi_values', 'kpi_breakdowns', 'entities'] as const;
export type KpiTable = (typeof KPI_TABLES)[number];

/** Fair comparisons for running periods (functions/compute/same-point.ts): the columns of kpi_values. */
export const SAME_POINT_TABLE = 'kpi_same_point';

/** The tables one compute run writes: the KPI tables, then the insight tables (insight-tables.ts), then kpi_same_point. */
export const OUTPUT_TABLES = [...KPI_TABLES, ...INSIGHT_TABLES, SAME_POINT_TABLE] as const;
export type OutputTable = (typeof OUTPUT_TABLES)[number];

const VALUE_COLUMNS = `as_of DATE, kpi VARCHAR, level VARCHAR, entity_id VARCHAR, period_type VARCHAR,
  period_start DATE, period_end DATE, value DOUBLE, numerator DOUBLE, denominator DOUBLE`;

/** The columns and types of each output table (the output tables of the KPI catalog), as a DuckDB column list. */
export const OUTPUT_COLUMNS: Record<OutputTable, string> = {
  kpi_values: VALUE_COLUMNS,
  kpi_breakdowns: `${VALUE_COLUMNS}, dimension VARCHAR, dimension_value VARCHAR`,
  entities: `as_of DATE, level VARCHAR, entity_id VARCHAR, name VARCHAR, email VARCHAR, manager_id VARCHAR,
    is_active BOOLEAN, team_id VARCHAR`,
  ...INSIGHT_COLUMNS,
  [SAME_POINT_TABLE]: VALUE_COLUMNS,
};

/** The lake folder of one output table, all versions: `kpi/<table>/`. */
export function kpiTablePrefix(table: OutputTable): string {
  return `kpi/${table}/`;
}

/**
 * The lake folder of one version of an output table.
 *
 * @example
 * kpiPartition('kpi_values', '2026-11-26'); // 'kpi/kpi_values/as_of=2026-11-26/'
 */
export function kpiPartition(table: OutputTable, asOf: string): string {
  return `${kpiTablePrefix(table)}as_of=${asOf}/`;
}
