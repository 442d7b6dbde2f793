import type { DemoContext } from './context.ts';
import type { Place } from './geography.ts';
import { BLOCK, KEY_PREFIX, salesforceId } from './ids.ts';
import { companyName, INDUSTRIES } from './names.ts';
import type { Territory } from './org.ts';
import type { Family } from './products.ts';
import { Random } from './random.ts';
import { DAY_MS, dayOf, officeTime, workday, type Day } from './time.ts';

export type Segment = 'SMB' | 'Mid-Market' | 'Enterprise';

export interface Account {
  num: number;
  id: string;
  name: string;
  place: Place;
  street: string;
  lat: number;
  lng: number;
  industry: string;
  segment: Segment;
  employees: number;
  phone: string;
  createdMs: number;
  createdDay: Day;
  /** a customer since before the history began (it has a legacy won deal) */
  installed: boolean;
  /** created during the history: its first opportunity comes with it */
  newLogo: boolean;
  /** after this day the account renews nothing and buys nothing */
  churnDay: Day | null;
  /** 0..1: drives satisfaction, churn and support load */
  health: number;
  /** won deals, filled in by the pipeline in creation order */
  wins: { day: Day; ms: number; families: readonly Family[] }[];
}

const SEGMENTS: readonly (readonly [Segment, number])[] = [
  ['SMB', 55],
  ['Mid-Market', 35],
  ['Enterprise', 10],
];
const STRATEGIC_SEGMENTS: readonly (readonly [Segment, number])[] = [
  ['Mid-Market', 35],
  ['Enterprise', 65],
];

/** A territory's accounts, numbered in creation order. */
export function buildAccounts(ctx: DemoContext, territory: Territory): Account[] {
  const rng = Random.stream(ctx.seed, 'accounts', territory.index);
  const { start, asOf } = ctx.window;
  const names = new Set<string>();
  const drafts: Account[] = [];
  for (let k = 0; k < territory.accountCount; k++) {
    const kind = rng.weighted([
      ['installed', 35],
      ['prospect', 35],
      ['new', 30],
    ] as const);
    const place = rng.weighted(territory.region.places);
    let name = companyName(rng, place);
    for (let attempt = 0; names.has(name) && attempt < 5; attempt++) name = companyName(rng, place);
    if (names.has(name)) name = `${name} ${place.city}`;
    for (let n = 2; names.has(name); n++) name = `${name} ${n}`;
    names.add(name);
    const segment = rng.weighted(territory.strategic ? STRATEGIC_SEGMENTS : SEGMENTS);
    const createdDay =
      kind === 'installed' ? start - rng.int(400, 2000) : kind === 'prospect' ? start - rng.int(10, 1500) : workday(start + rng.int(0, asOf - start - 3));
    const churner = rng.chance(0.12);
    const health = churner ? rng.between(0.05, 0.45) : rng.between(0.35, 1);
    const createdMs = officeTime(rng, workday(createdDay), territory.region.tzHours);
    drafts.push({
      num: 0,
      id: '',
      name,
      place,
      street: street(rng, place),
      lat: round4(place.lat + rng.between(-0.03, 0.03)),
      lng: round4(place.lng + rng.between(-0.03, 0.03)),
      industry: rng.weighted(INDUSTRIES),
      segment,
      employees: segment === 'SMB' ? rng.int(10, 200) : segment === 'Mid-Market' ? rng.int(200, 2000) : rng.int(2000, 50_000),
      phone: phone(rng, place.country),
      createdMs: Math.min(createdMs, ctx.asOfEndMs),
      createdDay: Math.min(dayOf(createdMs), asOf),
      installed: kind === 'installed',
      newLogo: kind === 'new',
      churnDay: churner ? start + rng.int(60, asOf - start) : null,
      health,
      wins: [],
    });
  }
  drafts.sort((a, b) => a.createdMs - b.createdMs);
  // Numbered once sorted; set in place (spreading objects this wide is slow).
  drafts.forEach((account, k) => {
    account.num = territory.index * BLOCK.account + k + 1;
    account.id = salesforceId(KEY_PREFIX.account, account.num);
  });
  return drafts;
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/** A billing street; some span two lines (floor, then street), as Salesforce allows. */
function street(rng: Random, where: Place): string {
  const road = rng.pick(where.streets);
  const n = rng.int(1, 400);
  const thai = where.country === 'Thailand';
  const german = ['Germany', 'Austria', 'Switzerland'].includes(where.country);
  const line = thai ? `${n}/${rng.int(1, 99)} ${road}` : german ? `${road} ${n}` : `${n} ${road}`;
  if (!rng.chance(0.15)) return line;
  const floor = rng.int(2, 40);
  const level = thai ? (rng.chance(0.5) ? `ชั้น ${floor}` : `Floor ${floor}, Tower A`) : german ? `${floor}. OG` : `Floor ${floor}`;
  return `${level}\n${line}`;
}

function phone(rng: Random, country: string): string {
  const d = (count: number) => rng.chars('0123456789', count);
  switch (country) {
    case 'Thailand':
      return `+66 2 ${d(3)} ${d(4)}`;
    case 'United Kingdom':
      return `+44 20 ${d(4)} ${d(4)}`;
    case 'Ireland':
      return `+353 1 ${d(3)} ${d(4)}`;
    case 'Germany':
      return `+49 89 ${d(7)}`;
    case 'Austria':
      return `+43 1 ${d(7)}`;
    case 'Switzerland':
      return `+41 44 ${d(3)} ${d(2)} ${d(2)}`;
    case 'Singapore':
      return `+65 ${d(4)} ${d(4)}`;
    default:
      return `+1 212 ${d(3)} ${d(4)}`;
  }
}

/** When the account record last changed: created, won a deal, or was handed to a new owner. */
export function accountModstamp(account: Account, territory: Territory, asOfEndMs: number): number {
  let ms = account.createdMs;
  for (const win of account.wins) if (win.ms > ms && win.ms <= asOfEndMs) ms = win.ms;
  const handover = territory.spells[1];
  if (handover && account.createdMs < handover.from * DAY_MS) ms = Math.max(ms, handover.from * DAY_MS + 3_600_000);
  return Math.min(ms, asOfEndMs);
}
