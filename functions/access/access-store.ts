import type { StageContext } from '../context.ts';
import type { Entity } from '../report/site-data.ts';
import { getJson, putJson, type ObjectStore } from '../store/store.ts';
import { buildAccessList } from './access-list.ts';
import { accessKey, parseAccessList } from './keys.ts';
import type { AccessList, ListNeed } from './rule.ts';

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
