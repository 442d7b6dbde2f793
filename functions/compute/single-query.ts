import type { SqlFile } from '../engine/sql-files.ts';
import type { KpiSql } from './kpi-sql.ts';
import { paramsCte, PARAMS_PLACEHOLDER, type RunParams } from './params.ts';

/**
 * A file's SELECT without its placeholder, for use inside a WITH that already
 * defines the parameters; exported so that an engine's error can be traced
 * to the file (functions/compute/athena/steps.ts).
 *
 * @example
 * body({ name: 'kpis/00_3_grid.sql', text: 'WITH /* @params *\/\nx AS (...)\nSELECT ...;' }); // 'WITH \nx AS (...)\nSELECT ...'
 */
export function body(file: SqlFile): string {
  return file.text.replace(PARAMS_PLACEHOLDER, '').trim().replace(/;\s*$/, '');
}

/**
 * One family's KPI rows as a single self-contained SELECT: the run
 * parameters, then every building block as a CTE (a block's own CTEs nest
 * inside it), then the family. This is the form for an engine without
 * temporary tables, such as Athena, where each family is one query
 * (far below Athena's 262,144-character limit).
 *
 * @example
 * const sql = await readKpiSql();
 * const query = familyQuery(sql, sql.families[0], runParams(config, '2026-11-26'));
 * // WITH run_params AS (...), ..., members AS (...), ... SELECT * FROM (SELECT 'bookings' AS kpi, ...) AS family_rows
 */
export function familyQuery(sql: KpiSql, family: SqlFile, params: RunParams): string {
  const blocks = sql.blocks.map((block) => `${block.relation} AS (\n${body(block)}\n)`).join(',\n');
  return `WITH ${paramsCte(params)}\n${blocks}\nSELECT * FROM (\n${body(family)}\n) AS family_rows`;
}
