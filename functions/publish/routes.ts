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
