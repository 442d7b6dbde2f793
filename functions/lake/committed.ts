import type { ObjectStore } from '../store/store.ts';

const REPORTS = 'reports/ingest/';

/**
 * The drops whose ingest finished: a drop's report (`reports/ingest/<drop>.json`)
 * is its commit marker, written after every raw file of the drop. Rows of a
 * drop without one (an ingest that crashed, or one still running) are never read.
 *
 * @example
 * (await committedDrops(store)).has('2026-11-26') // true once `scorecard ingest` finished it
 */
export async function committedDrops(store: ObjectStore): Promise<Set<string>> {
  const keys = await store.list(REPORTS);
  return new Set(keys.filter((k) => k.endsWith('.json') && !k.slice(REPORTS.length).includes('/')).map((k) => k.slice(REPORTS.length, -'.json'.length)));
}

/**
 * The drop a raw file belongs to (`raw/<table>/drop=<id>/part-0.parquet`, as a key or a local path).
 *
 * @example
 * dropOfRawFile('/tmp/x/raw/users/drop=2026-11-26/part-0.parquet') // '2026-11-26'
 */
export function dropOfRawFile(path: string): string | undefined {
  return /(?:^|[/\\])drop=([^/\\]+)[/\\]/.exec(path)?.[1];
}
