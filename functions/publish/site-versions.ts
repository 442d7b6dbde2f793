import type { ObjectStore } from '../store/store.ts';
import { getJson, putJson } from '../store/store.ts';
import { SITE_PREFIX, versionPath, versionsPath } from '../report/routes.ts';

/** One published version, as the versions page lists it. */
export interface PublishedVersion {
  asOf: string;
  /** ISO timestamp of the (last) publish */
  publishedAt: string;
  pageCount: number;
}

/** `site/versions/index.json`: every published version, oldest first. */
export const MANIFEST_KEY = `${SITE_PREFIX}${versionsPath}index.json`;

/** `site/v/<as_of>/pages.json`: the pages of one version, as paths inside it (`''`, `team/<id>/` ...). */
export const pagesKey = (asOf: string): string => `${SITE_PREFIX}${versionPath(asOf)}pages.json`;

/**
 * The published versions, oldest first. Without a manifest (a site published
 * before it existed, or a lost file) the versions are found from the page
 * lists under `site/v/`.
 *
 * @example
 * (await readPublishedVersions(store)).at(-1)?.asOf // the newest version
 */
export async function readPublishedVersions(store: ObjectStore): Promise<PublishedVersion[]> {
  const manifest = await getJson<{ versions?: PublishedVersion[] }>(store, MANIFEST_KEY);
  if (Array.isArray(manifest?.versions)) return [...manifest.versions].sort((a, b) => a.asOf.localeCompare(b.asOf));
  const found: PublishedVersion[] = [];
  for (const key of await store.list(`${SITE_PREFIX}v/`)) {
    const match = /^site\/v\/(\d{4}-\d{2}-\d{2})\/pages\.json$/.exec(key);
    if (match?.[1]) found.push({ asOf: match[1], publishedAt: '', pageCount: (await readPages(store, match[1])).length });
  }
  return found.sort((a, b) => a.asOf.localeCompare(b.asOf));
}

export async function writePublishedVersions(store: ObjectStore, versions: PublishedVersion[]): Promise<void> {
  await putJson(store, MANIFEST_KEY, { versions });
}

/** The pages of a published version (empty when it has no page list). */
export async function readPages(store: ObjectStore, asOf: string): Promise<string[]> {
  const pages = await getJson<unknown>(store, pagesKey(asOf));
  return Array.isArray(pages) ? pages.filter((p): p is string => typeof p === 'string') : [];
}

/**
 * The versions just before and after `asOf` among `versions` (which may or
 * may not hold `asOf` itself).
 *
 * @example
 * neighbours(['2026-11-24', '2026-11-26'], '2026-11-25') // { previous: '2026-11-24', next: '2026-11-26' }
 */
export function neighbours(versions: string[], asOf: string): { previous: string | null; next: string | null } {
  const sorted = [...versions].sort();
  return {
    previous: sorted.filter((v) => v < asOf).at(-1) ?? null,
    next: sorted.find((v) => v > asOf) ?? null,
  };
}
