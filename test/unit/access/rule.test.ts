import { describe, expect, it } from 'vitest';
import { buildAccessList } from '../../../functions/access/access-list.ts';
import { accessListFor, decide, homePage, normalisePath, rootRedirect, type Viewer } from '../../../functions/access/rule.ts';
import { ORG } from './org-fixture.ts';

const D = '2026-11-26';
const list = buildAccessList(D, ORG, { orgViewers: ['CFO@example.com'], aeSeesTeam: false });
const teamList = buildAccessList(D, ORG, { orgViewers: [], aeSeesTeam: true });

const ROLES: Record<string, Viewer> = {
  ae: { userId: 'A1' },
  manager: { userId: 'M1' },
  managerOfManagers: { userId: 'MM' },
  top: { userId: 'VP' },
  orgViewer: { email: 'cfo@example.com' },
  aeWithoutTeam: { userId: 'Z1' },
  unknown: { userId: 'NOBODY', email: 'nobody@example.com' },
  anonymous: {},
};

// [path, the roles that may open it]
const PATHS: [string, string[]][] = [
  // the site's own pages: everyone the list knows
  ['/', ['ae', 'manager', 'managerOfManagers', 'top', 'orgViewer', 'aeWithoutTeam']],
  ['/index.html', ['ae', 'manager', 'managerOfManagers', 'top', 'orgViewer', 'aeWithoutTeam']],
  ['/versions/', ['ae', 'manager', 'managerOfManagers', 'top', 'orgViewer', 'aeWithoutTeam']],
  ['/versions/index.json', ['ae', 'manager', 'managerOfManagers', 'top', 'orgViewer', 'aeWithoutTeam']],
  // the org page and the list of every id
  [`/v/${D}/`, ['top', 'orgViewer']],
  [`/v/${D}`, ['top', 'orgViewer']],
  [`/v/${D}/index.html`, ['top', 'orgViewer']],
  [`/v/${D}/pages.json`, ['top', 'orgViewer']],
  // shared pages and assets
  [`/v/${D}/kpis/`, ['ae', 'manager', 'managerOfManagers', 'top', 'orgViewer', 'aeWithoutTeam']],
  [`/v/${D}/_astro/site.Bx1.css`, ['ae', 'manager', 'managerOfManagers', 'top', 'orgViewer', 'aeWithoutTeam']],
  [`/v/${D}/data-quality/`, ['manager', 'managerOfManagers', 'top', 'orgViewer']],
  // AE pages: their own, their manager's and above
  [`/v/${D}/ae/A1/`, ['ae', 'manager', 'top', 'orgViewer']],
  [`/v/${D}/ae/A1`, ['ae', 'manager', 'top', 'orgViewer']],
  [`/v/${D}/ae/A1/index.html`, ['ae', 'manager', 'top', 'orgViewer']],
  [`/v/${D}/ae/A2/`, ['manager', 'top', 'orgViewer']],
  [`/v/${D}/ae/B1/`, ['top', 'orgViewer']],
  [`/v/${D}/ae/MM1/`, ['managerOfManagers', 'top', 'orgViewer']],
  [`/v/${D}/ae/C1/`, ['managerOfManagers', 'top', 'orgViewer']],
  [`/v/${D}/ae/Z1/`, ['aeWithoutTeam', 'top', 'orgViewer']],
  // per-entity files that other pages add below an entity's folder (CSV, deal and account lists)
  [`/v/${D}/ae/A1/deals/`, ['ae', 'manager', 'top', 'orgViewer']],
  [`/v/${D}/ae/A1/kpis.csv`, ['ae', 'manager', 'top', 'orgViewer']],
  [`/v/${D}/team/M1/accounts.csv`, ['manager', 'top', 'orgViewer']],
  // team pages
  [`/v/${D}/team/M1/`, ['manager', 'top', 'orgViewer']],
  [`/v/${D}/team/M2/`, ['top', 'orgViewer']],
  [`/v/${D}/team/MM/`, ['managerOfManagers', 'top', 'orgViewer']],
  [`/v/${D}/team/M3/`, ['managerOfManagers', 'top', 'orgViewer']],
  [`/v/${D}/team/VP/`, ['top', 'orgViewer']],
  // latest/ and the prev/next stubs: as the page they lead to
  ['/latest/', ['top', 'orgViewer']],
  ['/latest/ae/A1/', ['ae', 'manager', 'top', 'orgViewer']],
  ['/latest/team/M3/', ['managerOfManagers', 'top', 'orgViewer']],
  ['/latest/kpis/', ['ae', 'manager', 'managerOfManagers', 'top', 'orgViewer', 'aeWithoutTeam']],
  [`/nav/${D}/next/ae/A1/`, ['ae', 'manager', 'top', 'orgViewer']],
  [`/nav/${D}/previous/team/M2/`, ['top', 'orgViewer']],
  [`/nav/${D}/previous/`, ['top', 'orgViewer']],
  // nothing else, for nobody
  [`/v/${D}/unknown/`, []],
  [`/v/${D}/ae/`, []],
  [`/v/${D}/team/`, []],
  [`/v/${D}/ae/A10/`, []],
  [`/v/${D}/kpis/../ae/B1/`, []],
  [`/v/${D}/kpis/%2e%2e/ae/B1/`, []],
  [`/v/${D}/ae/A1/..%2f..%2fteam/M2/`, []],
  [`/v/${D}//ae/A1/`, []],
  [`/v/${D}/ae/A1/%0a`, []],
  [`/v/${D}/ae/A1/%E0%A4%A`, []],
  [`/nav/${D}/sideways/ae/A1/`, []],
  ['/access/latest.json', []],
  ['/_access/latest.json', []],
  [`/_access/v/${D}.json`, []],
  ['/v/not-a-date/ae/A1/', []],
  ['/robots.txt', []],
];

const CASES = PATHS.flatMap(([path, allowed]) =>
  Object.keys(ROLES).map((role) => [role, path, allowed.includes(role) ? 'allow' : 'deny'] as const),
);

describe('decide: every role × every path kind', () => {
  it.each(CASES)('%s %s → %s', (role, path, expected) => {
    expect(decide(ROLES[role]!, path, list)).toBe(expected);
  });
});

describe('decide: the access list', () => {
  it('denies every path without a list (an unpublished version)', () => {
    expect(decide(ROLES.top!, `/v/${D}/`, undefined)).toBe('deny');
    expect(decide(ROLES.ae!, `/v/${D}/kpis/`, undefined)).toBe('deny');
  });

  it('denies a version path decided with another version’s list', () => {
    expect(decide(ROLES.ae!, '/v/2026-11-25/ae/A1/', list)).toBe('deny');
  });

  it('lets AEs open their team page with aeSeesTeam, and no other team', () => {
    expect(decide({ userId: 'A1' }, `/v/${D}/team/M1/`, teamList)).toBe('allow');
    expect(decide({ userId: 'A1' }, `/v/${D}/team/M2/`, teamList)).toBe('deny');
    expect(decide({ userId: 'A1' }, `/v/${D}/ae/A2/`, teamList)).toBe('deny');
    expect(decide({ userId: 'A1' }, `/v/${D}/team/M1/`, list)).toBe('deny');
  });

  it('matches org viewers ignoring case, but only by e-mail', () => {
    expect(decide({ email: 'CFO@Example.com' }, `/v/${D}/`, list)).toBe('allow');
    expect(decide({ userId: 'cfo@example.com' }, `/v/${D}/`, list)).toBe('deny');
  });

  it('does not take an e-mail for a CRM user: the user id is what binds', () => {
    expect(decide({ email: 'a1@example.com' }, `/v/${D}/ae/A1/`, list)).toBe('deny');
  });

  it('gives the top of the hierarchy everything and nobody else', () => {
    const org = Object.entries(list.people).filter(([, p]) => p.org).map(([id]) => id);
    expect(org).toEqual(['VP']);
  });

  it('lets a CRM user who left open nothing, while their manager still opens their page', () => {
    const left = buildAccessList(D, ORG.map((e) => (e.id === 'A2' ? { ...e, isActive: false } : e)), { orgViewers: [], aeSeesTeam: false });

    expect(decide({ userId: 'A2' }, `/v/${D}/ae/A2/`, left)).toBe('deny');
    expect(decide({ userId: 'A2' }, `/v/${D}/kpis/`, left)).toBe('deny');
    expect(decide({ userId: 'M1' }, `/v/${D}/ae/A2/`, left)).toBe('allow');
  });

  it('names the list a path needs', () => {
    expect(accessListFor(`/v/${D}/ae/A1/`)).toEqual({ kind: 'version', asOf: D });
    expect(accessListFor(`/nav/${D}/next/ae/A1/`)).toEqual({ kind: 'version', asOf: D });
    expect(accessListFor('/latest/ae/A1/')).toEqual({ kind: 'latest' });
    expect(accessListFor('/')).toEqual({ kind: 'latest' });
    expect(accessListFor('/_access/latest.json')).toEqual({ kind: 'none' });
  });

  it('leads a refused reader to their own page', () => {
    expect(homePage({ userId: 'A1' }, list)).toBe(`v/${D}/ae/A1/`);
    expect(homePage({ userId: 'M1' }, list)).toBe(`v/${D}/team/M1/`);
    expect(homePage({ email: 'cfo@example.com' }, list)).toBe(`v/${D}/`);
    expect(homePage({ userId: 'NOBODY' }, list)).toBeUndefined();
  });

  it('sends everyone but the top and org viewers from / to their own page', () => {
    expect(rootRedirect({ userId: 'A1' }, '/', list)).toBe(`v/${D}/ae/A1/`);
    expect(rootRedirect({ userId: 'MM' }, '/index.html', list)).toBe(`v/${D}/team/MM/`);
    expect(rootRedirect({ userId: 'VP' }, '/', list)).toBeUndefined();
    expect(rootRedirect({ email: 'cfo@example.com' }, '/', list)).toBeUndefined();
    expect(rootRedirect({ userId: 'A1' }, '/versions/', list)).toBeUndefined();
    expect(rootRedirect({ userId: 'NOBODY' }, '/', list)).toBeUndefined();
  });

  it('normalises folders and refuses what could name another file', () => {
    expect(normalisePath('/v/x/ae/A1')).toBe('v/x/ae/A1/');
    expect(normalisePath('/v/x/ae/A1/?q=1')).toBe('v/x/ae/A1/');
    expect(normalisePath('/v/x/a\\b/')).toBeUndefined();
  });
});
