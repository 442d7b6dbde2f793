import type { ObjectStore } from '../store/store.ts';
import { liveKeyFilter } from './live-version.ts';

export const KPI_VALUES_PREFIX = 'kpi/kpi_values/';

/** The as-of dates that have a committed `kpi_values` partition, oldest first. */
export async function kpiVersions(store: ObjectStore): Promise<string[]> {
  const dates = new Set<string>();
  const live = await liveKeyFilter(store);
  for (const key of (await store.list(KPI_VALUES_PREFIX)).filter(live)) {
    const match = /^kpi\/kpi_values\/as_of=(\d{4}-\d{2}-\d{2})\/[^/]+\.parquet$/.exec(key);
    if (match?.[1]) dates.add(match[1]);
  }
  return [...dates].sort();
}

/**
 * The version an e-mail compares with: the greatest as-of before `asOf`
 * (not "yesterday": runs can be skipped or re-run out of order).
 *
 * @example
 * previousVersion(['2026-11-24', '2026-11-26'], '2026-11-26') // '2026-11-24'
 */
export function previousVersion(versions: string[], asOf: string): string | undefined {
  return versions.filter((v) => v < asOf).at(-1);
}
