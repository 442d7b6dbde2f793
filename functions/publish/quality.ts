import type { FileReport, IngestReport, QuarantineRecord } from '../lake/ingest-report.ts';
import type { ObjectStore } from '../store/store.ts';
import { getText } from '../store/store.ts';
import type { DataQuality, DropQuality, FileQuality } from '../report/site-data.ts';

export const INGEST_REPORTS_PREFIX = 'reports/ingest/';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function isIngestReport(value: unknown): value is IngestReport {
  return isObject(value) && Array.isArray(value.files) && value.files.every(isObject);
}

function reasonsOf(samples: QuarantineRecord[]): FileQuality['reasons'] {
  const groups = new Map<string, FileQuality['reasons'][number]>();
  for (const sample of samples) {
    const key = `${sample.column}\u0000${sample.reason}`;
    const group = groups.get(key) ?? { reason: sample.reason, column: sample.column, count: 0, lines: [] };
    group.count += 1;
    group.lines.push(sample.line);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

function fileQuality(file: FileReport): FileQuality {
  const samples = Array.isArray(file.samples) ? file.samples : [];
  return {
    file: file.file,
    table: file.table ?? null,
    status: file.status,
    read: file.read ?? 0,
    loaded: file.loaded ?? 0,
    quarantined: file.quarantined ?? 0,
    rejected: file.rejected ? { reason: file.rejected.reason, hint: file.rejected.hint } : null,
    reasons: reasonsOf(samples),
    sampled: samples.length,
    quarantineKey: file.quarantineKey ?? null,
  };
}

const dateOfDrop = (drop: string): string | null => /^\d{4}-\d{2}-\d{2}/.exec(drop)?.[0] ?? null;

/**
 * One drop's ingest report as the data-quality page shows it; a report that
 * cannot be read is shown as such rather than failing the build.
 *
 * @example
 * dropQuality('2026-11-26', '{"drop":"2026-11-26","files":[]}').date // '2026-11-26'
 */
export function dropQuality(drop: string, text: string | undefined): DropQuality {
  const base = { drop, date: dateOfDrop(drop), files: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text ?? '');
  } catch {
    return { ...base, unreadable: 'the ingest report is not valid JSON' };
  }
  if (!isIngestReport(parsed)) return { ...base, unreadable: 'the ingest report has no list of files' };
  return { ...base, files: parsed.files.map(fileQuality), unreadable: null };
}

/**
 * The ingest reports of the drops behind version `asOf`: every drop whose id
 * is dated on or before as_of (an id without a date is always included),
 * oldest first.
 *
 * @example
 * const quality = await readDataQuality(store, '2026-11-26'); // quality.drops[0]?.files
 */
export async function readDataQuality(store: ObjectStore, asOf: string): Promise<DataQuality> {
  const drops: DropQuality[] = [];
  for (const key of await store.list(INGEST_REPORTS_PREFIX)) {
    if (!key.endsWith('.json')) continue;
    const drop = key.slice(INGEST_REPORTS_PREFIX.length, -'.json'.length);
    const date = dateOfDrop(drop);
    if (date !== null && date > asOf) continue;
    drops.push(dropQuality(drop, await getText(store, key)));
  }
  // drop ids sort chronologically (functions/ingest/drop-id.ts)
  drops.sort((a, b) => a.drop.localeCompare(b.drop));
  const dates = drops.map((d) => d.date).filter((d): d is string => d !== null).sort();
  return { drops, newestDrop: dates.at(-1) ?? null };
}
