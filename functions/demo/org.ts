import { REGIONS, TEAM_REGIONS, type NameStyle, type Region } from './geography.ts';
import { KEY_PREFIX, salesforceId } from './ids.ts';
import { personName, type PersonName } from './names.ts';
import { Random } from './random.ts';
import { DAY_MS, HOUR_MS, workday, type Day } from './time.ts';

/**
 * The sales organisation. One unit is a head (the VP; further units have a
 * regional VP reporting to the VP) with four teams of 4–6 account executives
 * each, one strategic AE reporting to the head directly, a small support
 * team and a sales-operations analyst. In every unit one AE leaves during
 * the history and a new hire takes over the territory a few weeks later.
 * `scale` N builds N units.
 */
export type Role = 'head' | 'manager' | 'ae' | 'support-lead' | 'support' | 'ops';

export type LmsIdentity = { kind: 'mbox' } | { kind: 'account'; name: string };

export interface User {
  index: number;
  id: string;
  unit: number;
  role: Role;
  person: PersonName;
  email: string;
  title: string;
  managerIndex: number | null;
  isActive: boolean;
  country: string;
  state: string | null;
  timeZone: string;
  tzHours: number;
  /** first day at the company when it falls inside the history, else null */
  hiredDay: Day | null;
  /** last day at the company, for people who left */
  leftDay: Day | null;
  createdMs: number;
  modstampMs: number;
  lms: LmsIdentity;
}

/** An AE owning a territory from `from` up to and excluding `to`. */
export interface Spell {
  userIndex: number;
  from: Day;
  to: Day;
}

export interface Territory {
  /** global block number, used for record ids (see ids.ts) */
  index: number;
  unit: number;
  region: Region;
  strategic: boolean;
  /** the owners' manager, who covers the territory between two owners */
  managerIndex: number;
  /** successive owners; a gap between two spells is a vacancy */
  spells: Spell[];
  winRate: number;
  /** multiplies how long deals sit in each stage */
  speed: number;
  /** multiplies deal sizes */
  dealSize: number;
  accountCount: number;
  oppsPerMonth: number;
  activityRate: number;
}

export interface Queue {
  id: string;
  name: string;
  purpose: 'cases' | 'leads';
}

export interface Org {
  users: User[];
  queues: Queue[];
  territories: Territory[];
  /** user indexes of each unit's support agents (case owners) */
  supportAgents: number[][];
}

export interface Window {
  /** first day of the history */
  start: Day;
  asOf: Day;
}

/** Ids of a unit's territories start at `unit × TERRITORY_BLOCK`. */
export const TERRITORY_BLOCK = 32;

const DOMAIN = 'kinnaree.example';
const NEVER = 1e9;

export function buildOrg(seed: number, units: number, window: Window, volume: number): Org {
  const users: User[] = [];
  const territories: Territory[] = [];
  const supportAgents: number[][] = [];
  const names = new Set<string>();
  const emails = new Set<string>();

  const addUser = (
    unit: number,
    role: Role,
    style: NameStyle,
    title: string,
    managerIndex: number | null,
    where: { country: string; state: string | null },
    zone: { timeZone: string; tzHours: number },
  ): User => {
    const index = users.length;
    const rng = Random.stream(seed, 'user', index);
    let person = personName(rng, style);
    for (let attempt = 0; names.has(person.name) && attempt < 30; attempt++) person = personName(rng, style);
    if (names.has(person.name)) {
      const initial = String.fromCharCode(65 + (index % 26));
      person = { ...person, firstName: `${person.firstName} ${initial}.`, name: `${person.firstName} ${initial}. ${person.lastName}` };
    }
    names.add(person.name);
    let email = `${person.handle}@${DOMAIN}`;
    for (let n = 2; emails.has(email); n++) email = `${person.handle}${n}@${DOMAIN}`;
    emails.add(email);
    const createdMs = (window.start - rng.int(60, 1500)) * DAY_MS + rng.int(2, 10) * HOUR_MS;
    // Every tenth person is known to the LMS by an account: half by e-mail, half by employee number.
    const lms: LmsIdentity =
      index % 10 === 3
        ? { kind: 'account', name: email }
        : index % 10 === 7
          ? { kind: 'account', name: `EMP-${String(10_000 + index * 7).padStart(6, '0')}` }
          : { kind: 'mbox' };
    const user: User = {
      index,
      id: salesforceId(KEY_PREFIX.user, index + 1),
      unit,
      role,
      person,
      email,
      title,
      managerIndex,
      isActive: true,
      country: where.country,
      state: where.state,
      ...zone,
      hiredDay: null,
      leftDay: null,
      createdMs,
      modstampMs: createdMs + rng.int(1, 300) * DAY_MS,
      lms,
    };
    users.push(user);
    return user;
  };

  const territory = (unit: number, local: number, region: Region, managerIndex: number, spells: Spell[], strategic: boolean) => {
    const index = unit * TERRITORY_BLOCK + local;
    const rng = Random.stream(seed, 'territory', index);
    const size = strategic ? 0.45 : 1;
    territories.push({
      index,
      unit,
      region,
      strategic,
      managerIndex,
      spells,
      winRate: rng.between(0.24, 0.38),
      speed: rng.between(0.8, 1.25),
      dealSize: rng.between(0.8, 1.25),
      accountCount: Math.max(8, Math.round(rng.between(200, 260) * size * Math.min(1, Math.max(volume, 0.1)))),
      oppsPerMonth: rng.between(42, 58) * size * volume,
      activityRate: rng.between(0.8, 1.2),
    });
  };

  for (let unit = 0; unit < units; unit++) {
    const rng = Random.stream(seed, 'unit', unit);
    const hq = REGIONS.bangkok;
    const head =
      unit === 0
        ? addUser(unit, 'head', 'thai', 'VP Sales', null, hq.office, hq)
        : addUser(unit, 'head', rng.pick(['thai', 'english', 'german'] as const), 'Regional Vice President', 0, hq.office, hq);
    const sizes = shuffle(rng, [4, 5, 5, 6]);
    let local = 0;
    TEAM_REGIONS.forEach((region, team) => {
      const style = () => rng.weighted(region.people);
      const manager = addUser(unit, 'manager', style(), 'Account Executive Manager', head.index, region.office, region);
      const size = sizes[team] ?? 5;
      // Team 3 of each unit (UK & Ireland) is where an AE leaves and a new hire takes over.
      const turnover = team === 2;
      const regulars = turnover ? size - 2 : size;
      for (let k = 0; k < regulars; k++) {
        const title = rng.chance(0.3) ? 'Senior Account Executive' : 'Account Executive';
        const ae = addUser(unit, 'ae', style(), title, manager.index, region.office, region);
        territory(unit, local++, region, manager.index, [{ userIndex: ae.index, from: -NEVER, to: NEVER }], false);
      }
      if (turnover) {
        const leaver = addUser(unit, 'ae', style(), 'Account Executive', manager.index, region.office, region);
        const hire = addUser(unit, 'ae', style(), 'Account Executive', manager.index, region.office, region);
        const leftDay = workday(window.start + rng.int(200, 300));
        const hiredDay = workday(leftDay + rng.int(21, 45));
        leaver.isActive = false;
        leaver.leftDay = leftDay;
        leaver.modstampMs = leftDay * DAY_MS + 16 * HOUR_MS;
        hire.hiredDay = hiredDay;
        hire.createdMs = (hiredDay - rng.int(3, 10)) * DAY_MS + 3 * HOUR_MS;
        hire.modstampMs = hiredDay * DAY_MS + 2 * HOUR_MS;
        territory(
          unit,
          local++,
          region,
          manager.index,
          [
            { userIndex: leaver.index, from: -NEVER, to: leftDay + 1 },
            { userIndex: hire.index, from: hiredDay, to: NEVER },
          ],
          false,
        );
      }
    });
    const strategic = REGIONS.strategic;
    const direct = addUser(unit, 'ae', rng.weighted(strategic.people), 'Strategic Account Executive', head.index, strategic.office, strategic);
    territory(unit, local++, strategic, head.index, [{ userIndex: direct.index, from: -NEVER, to: NEVER }], true);

    const supportLead = addUser(unit, 'support-lead', 'thai', 'Customer Support Lead', null, hq.office, hq);
    supportAgents.push(
      [0, 1].map((k) => {
        const region = k === 0 ? hq : REGIONS.ukIreland;
        return addUser(unit, 'support', rng.weighted(region.people), 'Customer Support Specialist', supportLead.index, region.office, region).index;
      }),
    );
    addUser(unit, 'ops', rng.weighted(hq.people), 'Sales Operations Analyst', head.index, hq.office, hq);
  }

  const queues: Queue[] = [
    { name: 'Support - Tier 1', purpose: 'cases' },
    { name: 'Support - Tier 2', purpose: 'cases' },
    { name: 'Escalations', purpose: 'cases' },
    { name: 'Unassigned Leads', purpose: 'leads' },
  ].map((q, i) => ({ ...q, purpose: q.purpose as Queue['purpose'], id: salesforceId(KEY_PREFIX.queue, i + 1) }));

  return { users, queues, territories, supportAgents };
}

function shuffle<T>(rng: Random, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    const a = items[i] as T;
    items[i] = items[j] as T;
    items[j] = a;
  }
  return items;
}

/** True for an owner who joined during the history (a new hire), false for one who was there before it. */
export function joinedDuringHistory(spell: Spell): boolean {
  return spell.from > -NEVER;
}

/** The spell covering `day`, or null during a vacancy. */
export function spellAt(territory: Territory, day: Day): Spell | null {
  for (const spell of territory.spells) if (day >= spell.from && day < spell.to) return spell;
  return null;
}

export function userAt(org: Org, index: number): User {
  const user = org.users[index];
  if (!user) throw new RangeError(`no user ${index}`);
  return user;
}

/** Who works the territory on `day`: its owner, or the manager during a vacancy. */
export function workerAt(territory: Territory, day: Day): number {
  return spellAt(territory, day)?.userIndex ?? territory.managerIndex;
}
