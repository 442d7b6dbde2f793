import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { liveKey, type LiveVersion } from '../../functions/lake/live-version.ts';
import { kpiPartition, type OutputTable } from '../../functions/lake/output-tables.ts';

/**
 * The lake key of the live file of one KPI table of a version, as its pointer
 * names it; a version without a pointer (a fixture written in the older layout)
 * has its `part-0.parquet`, as the lake's readers assume too.
 */
export function liveKpiKey(lakeRoot: string, table: OutputTable, asOf: string): string {
  const pointer = join(lakeRoot, liveKey(asOf));
  if (!existsSync(pointer)) return `${kpiPartition(table, asOf)}part-0.parquet`;
  const live = JSON.parse(readFileSync(pointer, 'utf8')) as LiveVersion;
  const key = live.tables[table];
  if (!key) throw new Error(`version ${asOf} has no live ${table}`);
  return key;
}

/** The local path of that file in a folder lake. */
export function liveKpiFile(lakeRoot: string, table: OutputTable, asOf: string): string {
  return join(lakeRoot, liveKpiKey(lakeRoot, table, asOf));
}
