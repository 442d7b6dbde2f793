/**
 * Who may open which path of the published site: one pure function, used
 * by the edge gate (infra/edge/viewer-request.ts) and by `scorecard
 * preview --as`. No Node-only imports: it is bundled into Lambda@Edge.
 *
 * Paths are the site's own (`v/2026-11-26/team/x/`, `latest/ae/y/`), with
 * or without a leading `/`, percent-encoded as a browser sends them.
 */

/** Who is asking. `userId` is the CRM user the sign-in is bound to by something the viewer cannot change. */
export interface Viewer {
  userId?: string | null;
  email?: string | null;
}

/** Who may open an area of a version. */
export type Audience =
  | { kind: 'everyone' }
  /** the people who lead a team, and org viewers */
  | { kind: 'managers' }
  /** org viewers and the top of the hierarchy */
  | { kind: 'org' }
  /** the people who may open this entity (`ae:<id>`, `team:<id>`) */
  | { kind: 'entity'; entity: string };

/** A path inside a version and who may open it; `exact` areas match one path, others every path below. */
export interface Area {
  path: string;
  exact?: boolean;
  audience: Audience;
}

/** What one CRM user may open in a version. */
export interface PersonAccess {
  /** everything (the top of the hierarchy) */
  org: boolean;
  /** leads a team: may open the data-quality page */
  manager: boolean;
  /** the entities whose pages they may open, `ae:<id>` / `team:<id>` */
  entities: string[];
}

/**
 * The access list of one version, written by publish next to (never inside)
 * the site: who may open what in `v/<asOf>/`.
 */
export interface AccessList {
  format: 1;
  asOf: string;
  /** e-mail addresses (lower case) that may open everything (`access.orgViewers`) */
  orgViewers: string[];
  /** CRM user id → what they may open */
  people: Record<string, PersonAccess>;
  /** e-mail address (lower case) → CRM user id, for `scorecard preview --as` */
  emails: Record<string, string>;
  /** the areas of the version; the longest matching one decides */
  areas: Area[];
}

export type Decision = 'allow' | 'deny';

/** Which access list a path is decided by: a version's, the newest one's, or none (always denied). */
export type ListNeed = { kind: 'version'; asOf: string } | { kind: 'latest' } | { kind: 'none' };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The path as S3 and the preview server would look it up, without the
 * leading `/`, a folder ending in `/`; undefined for anything that could
 * mean another file (`..`, `//`, backslashes, control characters, bad
 * percent-encoding).
 *
 * @example
 * normalisePath('/v/2026-11-26/ae/x')  // 'v/2026-11-26/ae/x/'
 * normalisePath('/v/../x/')            // undefined
 */
export function normalisePath(path: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path.split('?')[0] ?? '');
  } catch {
    return undefined;
  }
  // eslint-disable-next-line no-control-regex -- control characters are what this rejects
  if (/[\u0000-\u001f\u007f\\]/.test(decoded)) return undefined;
  const trimmed = decoded.replace(/^\/+/, '');
  if (trimmed.includes('//')) return undefined;
  const segments = trimmed.split('/');
  if (segments.some((s) => s === '.' || s === '..')) return undefined;
  const last = segments.at(-1) ?? '';
  return last === '' || last.includes('.') ? trimmed : `${trimmed}/`;
}

/** `v/D/<rest>`, `nav/D/<direction>/<rest>`, `latest/<rest>`: the version and the page inside it. */
function pageOf(path: string): { need: ListNeed; rest: string } | { need: ListNeed; site: true } | undefined {
  const parts = path.split('/');
  if (parts[0] === 'v' && DATE.test(parts[1] ?? '')) return { need: { kind: 'version', asOf: parts[1]! }, rest: parts.slice(2).join('/') };
  if (parts[0] === 'nav' && DATE.test(parts[1] ?? '') && (parts[2] === 'previous' || parts[2] === 'next')) {
    return { need: { kind: 'version', asOf: parts[1]! }, rest: parts.slice(3).join('/') };
  }
  if (parts[0] === 'latest') return { need: { kind: 'latest' }, rest: parts.slice(1).join('/') };
  // the site's own pages, open to everyone on the list: the root redirect and the versions page
  if (path === '' || path === 'index.html' || path === 'versions/' || path === 'versions/index.html' || path === 'versions/index.json') {
    return { need: { kind: 'latest' }, site: true };
  }
  return undefined;
}

/**
 * The access list a path needs: `v/D/…` and `nav/D/…` the list of version
 * D, `latest/…`, `/` and `versions/` the newest version's (to know who the
 * viewer is), anything else none (denied).
 *
 * @example
 * accessListFor('/nav/2026-11-26/next/team/x/') // { kind: 'version', asOf: '2026-11-26' }
 */
export function accessListFor(path: string): ListNeed {
  const normal = normalisePath(path);
  return (normal !== undefined && pageOf(normal)?.need) || { kind: 'none' };
}

/** The area a path inside a version falls in: an exact match first, else the longest prefix. */
export function areaOf(areas: Area[], rest: string): Area | undefined {
  let best: Area | undefined;
  for (const area of areas) {
    const hit = area.exact ? area.path === rest : rest.startsWith(area.path);
    if (!hit) continue;
    if (area.exact) return area;
    if (!best || area.path.length > best.path.length) best = area;
  }
  return best;
}

/** What a viewer may open in the version of `list`; undefined for someone the list does not know. */
export function accessOf(viewer: Viewer, list: AccessList): PersonAccess | undefined {
  const email = viewer.email?.trim().toLowerCase();
  const person = viewer.userId ? list.people[viewer.userId] : undefined;
  if (email && list.orgViewers.includes(email)) return { org: true, manager: true, entities: person?.entities ?? [] };
  return person;
}

/**
 * Whether `viewer` may open `path`, given the access list that
 * {@link accessListFor} names for it (undefined when there is none, e.g.
 * an unpublished version). Denies by default: an unknown person, an
 * unknown path, a path outside every area.
 *
 * @example
 * decide({ userId: '005A' }, '/v/2026-11-26/ae/005A/', list) // 'allow'
 * decide({ userId: '005A' }, '/v/2026-11-26/ae/005B/', list) // 'deny'
 */
export function decide(viewer: Viewer, path: string, list: AccessList | undefined): Decision {
  const normal = normalisePath(path);
  if (normal === undefined || !list) return 'deny';
  const page = pageOf(normal);
  if (!page) return 'deny';
  if (page.need.kind === 'version' && page.need.asOf !== list.asOf) return 'deny';
  const access = accessOf(viewer, list);
  if (!access) return 'deny';
  if ('site' in page) return 'allow';
  const area = areaOf(list.areas, page.rest);
  if (!area) return 'deny';
  switch (area.audience.kind) {
    case 'everyone':
      return 'allow';
    case 'managers':
      return access.org || access.manager ? 'allow' : 'deny';
    case 'org':
      return access.org ? 'allow' : 'deny';
    case 'entity':
      return access.org || access.entities.includes(area.audience.entity) ? 'allow' : 'deny';
  }
}

/**
 * The page a viewer lands on when they may not open the one they asked
 * for: their own team's or AE page in the version of `list`.
 */
export function homePage(viewer: Viewer, list: AccessList): string | undefined {
  const access = accessOf(viewer, list);
  if (!access) return undefined;
  if (access.org) return `v/${list.asOf}/`;
  const own = viewer.userId ? [`team:${viewer.userId}`, `ae:${viewer.userId}`].find((e) => access.entities.includes(e)) : undefined;
  const entity = own ?? access.entities[0];
  const area = entity ? list.areas.find((a) => a.audience.kind === 'entity' && a.audience.entity === entity) : undefined;
  return area ? `v/${list.asOf}/${area.path}` : undefined;
}

/**
 * Where `/` takes a viewer: it redirects to the newest org page, which
 * only the top and org viewers may open, so everyone else goes straight to
 * their own page instead. Undefined: serve `/` as it is.
 *
 * @example
 * rootRedirect({ userId: '005A' }, '/', latestList) // 'v/2026-11-26/ae/005A/'
 */
export function rootRedirect(viewer: Viewer, path: string, list: AccessList | undefined): string | undefined {
  const normal = normalisePath(path);
  if ((normal !== '' && normal !== 'index.html') || !list) return undefined;
  const access = accessOf(viewer, list);
  return access && !access.org ? homePage(viewer, list) : undefined;
}

/** The viewer an e-mail address is in a version: the CRM user with that address, and the address for `orgViewers`. */
export function viewerByEmail(email: string, list: AccessList): Viewer {
  const address = email.trim().toLowerCase();
  return { email: address, userId: list.emails[address] ?? null };
}
