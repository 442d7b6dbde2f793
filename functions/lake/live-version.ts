import { createHash } from 'node:crypto';
import { getJson, putJson, type ObjectStore } from '../store/store.ts';
import { kpiPartition, OUTPUT_TABLES, type OutputTable } from './output-tables.ts';

/*
 * Which files of kpi/<table>/as_of=D/ are the version D. Compute writes each
 * table's new file beside the old one, named by its content
 * (`part-<sha256>.parquet`), and then switches to them with ONE write: the
 * pointer `kpi/_live/as_of=D.json` naming the live file of every table. Only
 * after that are the superseded files deleted. A crash at any point leaves
 * either the old version or the new one, whole. Readers (publish, notify,
 * `scorecard sql`) follow the pointer; a partition without one counts only
 * its `part-0.parquet`, the layout written before pointers existed.
 */

const LIVE_PREFIX = 'kpi/_live/';
const LEGACY_PART = 'part-0.parquet';

/** @example liveKey('2026-11-26') // 'kpi/_live/as_of=2026-11-26.json' */
export const liveKey = (asOf: string): string => `${LIVE_PREFIX}as_of=${asOf}.json`;

/** The pointer of one version: the live key of each output table. */
export interface LiveVersion {
  asOf: string;
  tables: Partial<Record<OutputTable, string>>;
}

/** The key a table's file of version asOf gets: named by its bytes, so a re-run with the same data rewrites the same key. */
export function partKey(table: OutputTable, asOf: string, bytes: Uint8Array): string {
  const digest = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  return `${kpiPartition(table, asOf)}part-${digest}.parquet`;
}

export function readLiveVersion(store: ObjectStore, asOf: string): Promise<LiveVersion | undefined> {
  return getJson<LiveVersion>(store, liveKey(asOf));
}

/** The one write that makes a computed version visible. */
export function switchLiveVersion(store: ObjectStore, live: LiveVersion): Promise<void> {
  return putJson(store, liveKey(live.asOf), live);
}

/** Deletes every file of the version's partitions that the pointer does not name: leftovers of crashed or replaced runs. */
export async function dropSupersededParts(store: ObjectStore, live: LiveVersion): Promise<number> {
  let removed = 0;
  for (const table of OUTPUT_TABLES) {
    for (const key of await store.list(kpiPartition(table, live.asOf))) {
      if (key !== live.tables[table]) removed += await store.deletePrefix(key);
    }
  }
  return removed;
}

/**
 * A test for lake keys under `kpi/<table>/`: true for the files of live
 * versions only (uncommitted parts of a running or crashed compute are not).
 *
 * @example
 * const live = await liveKeyFilter(store);
 * (await store.list('kpi/kpi_values/')).filter(live)
 */
export async function liveKeyFilter(store: ObjectStore): Promise<(key: string) => boolean> {
  const pointers = new Map<string, LiveVersion>();
  for (const key of await store.list(LIVE_PREFIX)) {
    const asOf = /^kpi\/_live\/as_of=(\d{4}-\d{2}-\d{2})\.json$/.exec(key)?.[1];
    const live = asOf ? await getJson<LiveVersion>(store, key) : undefined;
    if (asOf && live) pointers.set(asOf, live);
  }
  return (key) => {
    const match = /^kpi\/([a-z_]+)\/as_of=(\d{4}-\d{2}-\d{2})\/([^/]+)$/.exec(key);
    if (!match) return false;
    const [, table, asOf, name] = match;
    const live = pointers.get(asOf!);
    if (live) return live.tables[table as OutputTable] === key;
    return name === LEGACY_PART;
  };
}

/** The live keys of one table of one version (none when the version was never committed). */
export async function liveTableKeys(store: ObjectStore, table: OutputTable, asOf: string): Promise<string[]> {
  const live = await readLiveVersion(store, asOf);
  if (live) return live.tables[table] ? [live.tables[table]] : [];
  const legacy = `${kpiPartition(table, asOf)}${LEGACY_PART}`;
  return (await store.list(kpiPartition(table, asOf))).filter((key) => key === legacy);
}
