import type { ObjectStore } from '../store/store.ts';
import { SUCCESS_MARKER } from './drop-files.ts';
import { isTempName } from '../store/temp-files.ts';

/**
 * Drops under `landing/` that hold files but no `_SUCCESS` marker: an upload
 * still running or cut short. They are never ingested; the night reports them.
 *
 * @example
 * await incompleteLandings(store) // ['2026-11-27'] after a landing was killed half-way
 */
export async function incompleteLandings(store: ObjectStore): Promise<string[]> {
  const files = new Map<string, boolean>();
  for (const key of await store.list('landing/')) {
    const [, drop, ...rest] = key.split('/');
    if (!drop || rest.length === 0 || isTempName(key)) continue;
    files.set(drop, (files.get(drop) ?? false) || rest.join('/') === SUCCESS_MARKER);
  }
  return [...files].filter(([, done]) => !done).map(([drop]) => drop).sort();
}
