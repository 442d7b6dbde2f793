import type { AccessConfig } from '../config.ts';
import type { Entity } from '../report/site-data.ts';
import type { AccessList, Area, PersonAccess } from './rule.ts';

/** The key of an entity in an access list: `ae:<id>`, `team:<id>`. */
export const entityRef = (entity: Pick<Entity, 'level' | 'id'>): string => `${entity.level}:${entity.id}`;

/**
 * The paths inside a version that belong to one entity: its page and
 * everything below it. A new per-entity page or download (a deal list, a
 * CSV) that lives elsewhere in the version adds its path here, so that it
 * is opened by exactly the people who may open the entity's page.
 *
 * @example
 * entityPaths({ level: 'ae', id: '005A' }) // ['ae/005A/']
 */
export function entityPaths(entity: Pick<Entity, 'level' | 'id'>): string[] {
  if (entity.level === 'ae') return [`ae/${entity.id}/`];
  if (entity.level === 'team') return [`team/${entity.id}/`];
  return [];
}

/**
 * Every area of a version: the org page and the page list for the top, the
 * data-quality page for managers, the KPI definitions and Astro's shared
 * assets for everyone, and each entity's paths for who may open it.
 * Nothing else in a version is opened by anyone.
 */
export function versionAreas(entities: Pick<Entity, 'level' | 'id'>[]): Area[] {
  const areas: Area[] = [
    { path: '', exact: true, audience: { kind: 'org' } },
    { path: 'index.html', exact: true, audience: { kind: 'org' } },
    // every id of the version: only for those who may open every page
    { path: 'pages.json', exact: true, audience: { kind: 'org' } },
    { path: 'data-quality/', audience: { kind: 'managers' } },
    { path: 'kpis/', audience: { kind: 'everyone' } },
    { path: '_astro/', audience: { kind: 'everyone' } },
  ];
  for (const entity of entities) {
    for (const path of entityPaths(entity)) areas.push({ path, audience: { kind: 'entity', entity: entityRef(entity) } });
  }
  return areas;
}

/**
 * Who leads whom, from the entities of a version: each team's manager
 * (`managerId` of the team's own user) and each AE's team. A manager of
 * managers is found through the teams that report to them.
 */
function hierarchy(entities: Entity[]): { teamsUnder: Map<string, string[]>; aesOf: Map<string, string[]> } {
  const teamsUnder = new Map<string, string[]>();
  const aesOf = new Map<string, string[]>();
  for (const e of entities) {
    if (e.level === 'team' && e.managerId && e.managerId !== e.id) {
      teamsUnder.set(e.managerId, [...(teamsUnder.get(e.managerId) ?? []), e.id]);
    }
    if (e.level === 'ae' && e.teamId) aesOf.set(e.teamId, [...(aesOf.get(e.teamId) ?? []), e.id]);
  }
  return { teamsUnder, aesOf };
}

/**
 * The access list of version `asOf` from its entities (the `entities` KPI
 * table) and the `access` config:
 * - an AE opens their own pages (and their team's with `aeSeesTeam`);
 * - a manager opens their team, its AEs and, leading managers, every team
 *   below and its AEs; they also open the data-quality page;
 * - a CRM user marked inactive opens nothing;
 * - whoever leads, directly or not, every AE who has a team (the top of the
 *   hierarchy; with two separate trees there is none) and `orgViewers`
 *   open everything.
 *
 * @example
 * const list = buildAccessList('2026-11-26', kpis.entities, config.access);
 */
export function buildAccessList(asOf: string, entities: Entity[], access: AccessConfig): AccessList {
  const { teamsUnder, aesOf } = hierarchy(entities);
  const people: Record<string, PersonAccess> = {};
  const person = (id: string): PersonAccess => (people[id] ??= { org: false, manager: false, entities: [] });

  const allAes = entities.filter((e) => e.level === 'ae');
  const teamedAes = allAes.filter((ae) => ae.teamId).length;
  for (const ae of allAes) {
    const p = person(ae.id);
    p.entities.push(entityRef(ae));
    if (access.aeSeesTeam && ae.teamId) p.entities.push(entityRef({ level: 'team', id: ae.teamId }));
  }

  // everyone who leads a team, directly or through the teams below them
  const teamIds = new Set(entities.filter((e) => e.level === 'team').map((e) => e.id));
  const leaders = new Set([...teamIds, ...teamsUnder.keys()]);
  for (const leader of leaders) {
    const p = person(leader);
    p.manager = true;
    const seen = new Set<string>();
    const stack = [leader];
    while (stack.length > 0) {
      const team = stack.pop()!;
      if (seen.has(team)) continue; // a loop in the CRM's manager field
      seen.add(team);
      stack.push(...(teamsUnder.get(team) ?? []));
    }
    const aes = [...seen].flatMap((team) => aesOf.get(team) ?? []);
    const teams = [...seen].filter((team) => teamIds.has(team));
    p.entities = [...new Set([...p.entities, ...teams.map((id) => `team:${id}`), ...aes.map((id) => `ae:${id}`)])];
    // leading every AE who has a team (an AE whose manager is not a user belongs to nobody): the top
    if (teamedAes > 0 && aes.length === teamedAes) p.org = true;
  }
  for (const p of Object.values(people)) p.entities.sort();
  // someone the CRM marks inactive (who left) opens nothing, though managers still open their pages
  for (const e of entities) if (e.level !== 'org' && !e.isActive) delete people[e.id];

  const emails: Record<string, string> = {};
  for (const e of entities) {
    if (e.level !== 'org' && e.email && people[e.id]) emails[e.email.trim().toLowerCase()] = e.id;
  }
  return {
    format: 1,
    asOf,
    orgViewers: [...new Set(access.orgViewers.map((email) => email.trim().toLowerCase()))].sort(),
    people,
    emails,
    areas: versionAreas(entities),
  };
}
