import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { liveKey, type LiveVersion } from '../../functions/lake/live-version.ts';
import type { OutputTable } from '../../functions/lake/output-tables.ts';

/** The lake key of the live file of one KPI table of a version, as its pointer names it. */
export function liveKpiKey(lakeRoot: string, table: OutputTable, asOf: string): string {
  const live = JSON.parse(readFileSync(join(lakeRoot, liveKey(asOf)), 'utf8')) as LiveVersion;
  const key = live.tables[table];
  if (!key) throw new Error(`version ${asOf} has no live ${table}`);
  return key;
}

/** The local path of that file in a folder lake. */
export function liveKpiFile(lakeRoot: string, table: OutputTable, asOf: string): string {
  return join(lakeRoot, liveKpiKey(lakeRoot, table, asOf));
}
