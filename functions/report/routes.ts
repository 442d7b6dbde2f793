/**
 * The site's URL scheme, in one place: the site's pages, the publish stage
 * and the e-mails all build links here. Paths are relative to the site root
 * and end in `/` (each page is `<path>index.html`).
 *
 * @example
 * teamPath('2026-11-26', '005Hs0000000002AAA') // 'v/2026-11-26/team/005Hs0000000002AAA/'
 */
export const versionPath = (asOf: string): string => `v/${asOf}/`;
export const orgPath = versionPath;
export const teamPath = (asOf: string, managerId: string): string => `v/${asOf}/team/${encodeURIComponent(managerId)}/`;
export const aePath = (asOf: string, userId: string): string => `v/${asOf}/ae/${encodeURIComponent(userId)}/`;
export const kpiDefinitionsPath = (asOf: string): string => `v/${asOf}/kpis/`;
export const dataQualityPath = (asOf: string): string => `v/${asOf}/data-quality/`;
export const latestPath = 'latest/';
export const versionsPath = 'versions/';

/** The file a path is served from. */
export const pageFile = (path: string): string => `${path}index.html`;

/** An absolute link for e-mails: `https://reports.example.com/v/2026-11-26/`. */
export function absoluteUrl(siteBaseUrl: string, path: string): string {
  return `${siteBaseUrl.replace(/\/+$/, '')}/${path}`;
}

/**
 * A page's path inside its version (`team/<id>/`, `''` for the org page):
 * the same page of another version is `versionPath(other) + pageInVersion(...)`.
 *
 * @example
 * pageInVersion('2026-11-26', 'v/2026-11-26/team/x/') // 'team/x/'
 */
export function pageInVersion(asOf: string, path: string): string {
  const prefix = versionPath(asOf);
  if (!path.startsWith(prefix)) throw new Error(`${path} is not a page of version ${asOf}`);
  return path.slice(prefix.length);
}

export type Direction = 'previous' | 'next';

/**
 * The redirect stub that leads from a page of version `asOf` to the same page
 * of the previous or next version. Stubs live outside `v/`, so publishing a
 * new version rewrites them and never touches an older version's files.
 *
 * @example
 * navPath('2026-11-26', 'next', 'team/x/') // 'nav/2026-11-26/next/team/x/'
 */
export const navPath = (asOf: string, direction: Direction, page: string): string => `nav/${asOf}/${direction}/${page}`;

/** The redirect stub under `latest/` that leads to the same page of the newest version. */
export const latestPagePath = (page: string): string => `${latestPath}${page}`;

/** Everything the site publishes lives under this store prefix. */
export const SITE_PREFIX = 'site/';

/**
 * The path the site is served under, from `siteBaseUrl`: root-relative
 * links start with it, so the site also works below a path.
 *
 * @example
 * sitePrefix('https://reports.example.com/sales') // '/sales/'
 */
export function sitePrefix(siteBaseUrl: string): string {
  const path = new URL(siteBaseUrl).pathname;
  return path.endsWith('/') ? path : `${path}/`;
}
