import type { ObjectStore } from '../store/store.ts';
import { NotifyError } from './errors.ts';
import { liveKeyFilter } from '../compute/live-version.ts';

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

/**
 * Checks that a version id is a real YYYY-MM-DD date before it reaches a
 * lake key or SQL.
 *
 * @example
 * checkVersionDate('2026-02-30') // throws NotifyError
 */
export function checkVersionDate(asOf: unknown): string {
  const text = String(asOf);
  const parsed = new Date(`${text}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== text) {
    throw new NotifyError(`the as-of date must be a date written YYYY-MM-DD, not ${JSON.stringify(asOf)}`);
  }
  return text;
}
