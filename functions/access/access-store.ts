import type { StageContext } from '../context.ts';
import type { Entity } from '../publish/site-data.ts';
import { getJson, putJson, type ObjectStore } from '../store/store.ts';
import { buildAccessList } from './access-list.ts';
import type { AccessList, ListNeed } from './rule.ts';

/**
 * Access lists live outside `site/`: the static site never contains them.
 * The nightly build copies them to the site bucket's `_access/`, which only
 * the edge gate reads (the rule denies every path outside the site's own).
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

export async function readAccessList(store: ObjectStore, need: ListNeed): Promise<AccessList | undefined> {
  if (need.kind === 'none') return undefined;
  return parseAccessList(await getJson<unknown>(store, accessKey(need)));
}

/**
 * Writes the access list of version `asOf` from its entities, and the
 * newest version's as `latest` when `newest` (a backfill of an older date
 * leaves it).
 *
 * @example
 * await writeAccessList(ctx, '2026-11-26', kpis.entities, true);
 */
export async function writeAccessList(ctx: Pick<StageContext, 'config' | 'store' | 'log'>, asOf: string, entities: Entity[], newest: boolean): Promise<AccessList> {
  const list = buildAccessList(asOf, entities, ctx.config.access);
  await putJson(ctx.store, accessKey({ kind: 'version', asOf }), list);
  if (newest) await putJson(ctx.store, accessKey({ kind: 'latest' }), list);
  const people = Object.values(list.people);
  ctx.log.info(
    `access list of ${asOf}: ${people.length} CRM users (${people.filter((p) => p.manager).length} managers, ${people.filter((p) => p.org).length} see everything), ${list.orgViewers.length} org viewers`,
  );
  return list;
}
