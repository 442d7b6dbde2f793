import type { AccessList, ListNeed } from './rule.ts';

/**
 * Access lists live outside `site/`: the static site never contains them.
 * The nightly build copies them to the site bucket's `_access/`, which only
 * the edge gate reads (the rule denies every path outside the site's own).
 * No Node-only imports: the edge bundle uses this file.
 */
export const ACCESS_PREFIX = 'access/';
/** the folder of the site bucket the edge gate reads the lists from */
export const EDGE_ACCESS_PREFIX = '_access/';

/** `access/v/<asOf>.json`, or `access/latest.json` for the newest version. */
export function accessKey(need: Exclude<ListNeed, { kind: 'none' }>, prefix = ACCESS_PREFIX): string {
  return need.kind === 'latest' ? `${prefix}latest.json` : `${prefix}v/${need.asOf}.json`;
}

/** A stored list, or undefined when there is none or it is not one. */
export function parseAccessList(value: unknown): AccessList | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const list = value as Partial<AccessList>;
  const ok =
    list.format === 1 &&
    typeof list.asOf === 'string' &&
    Array.isArray(list.orgViewers) &&
    Array.isArray(list.areas) &&
    typeof list.people === 'object' &&
    list.people !== null &&
    typeof list.emails === 'object' &&
    list.emails !== null;
  return ok ? (list as AccessList) : undefined;
}
