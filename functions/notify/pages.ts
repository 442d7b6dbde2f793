import { pageFile, versionPath } from '../report/routes.ts';
import type { ObjectStore } from '../store/store.ts';

/**
 * The site paths among `paths` whose page the published version does not
 * have (`site/<path>index.html`), so that no e-mail links to nothing.
 *
 * @example
 * await missingPages(store, '2026-11-26', ['v/2026-11-26/team/005…/']) // [] once published
 */
export async function missingPages(store: ObjectStore, asOf: string, paths: string[]): Promise<string[]> {
  // one listing of the version instead of a request per page
  const published = new Set(await store.list(`site/${versionPath(asOf)}`));
  return [...new Set(paths)].filter((path) => !published.has(`site/${pageFile(path)}`)).sort();
}
