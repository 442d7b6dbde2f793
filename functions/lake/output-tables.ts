/*
 * The KPI output tables of the lake: what compute writes under `kpi/` and
 * what publish, notify and the Glue catalog read. Their keys are
 * `kpi/<table>/as_of=<date>/part-0.parquet`, one partition per version.
 */

/** The tables one compute run writes, as the output tables of the KPI catalog defines them. */
export const OUTPUT_TABLES = ['kpi_values', 'kpi_breakdowns', 'entities'] as const;
export type OutputTable = (typeof OUTPUT_TABLES)[number];

const VALUE_COLUMNS = `as_of DATE, kpi VARCHAR, level VARCHAR, entity_id VARCHAR, period_type VARCHAR,
  period_start DATE, period_end DATE, value DOUBLE, numerator DOUBLE, denominator DOUBLE`;

/** The columns and types of each output table (the output tables of the KPI catalog), as a DuckDB column list. */
export const OUTPUT_COLUMNS: Record<OutputTable, string> = {
  kpi_values: VALUE_COLUMNS,
  kpi_breakdowns: `${VALUE_COLUMNS}, dimension VARCHAR, dimension_value VARCHAR`,
  entities: `as_of DATE, level VARCHAR, entity_id VARCHAR, name VARCHAR, email VARCHAR, manager_id VARCHAR,
    is_active BOOLEAN, team_id VARCHAR`,
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
