import type { Account } from './accounts.ts';
import type { Book } from './book.ts';
import type { DemoContext } from './context.ts';
import { BLOCK } from './ids.ts';
import { companyDomain, companyName, JOB_TITLES, personName, type PersonName } from './names.ts';
import { TERRITORY_BLOCK, userAt, workerAt, type Territory } from './org.ts';
import { Random } from './random.ts';
import { DAY_MS, dayOf, HOUR_MS, officeTime, workday, type Day } from './time.ts';

export type LeadStatus = 'Open - Not Contacted' | 'Working - Contacted' | 'Qualified' | 'Unqualified' | 'Closed - Converted';

export interface Lead {
  /** set once the territory's leads are sorted by creation */
  num: number;
  person: PersonName;
  title: string;
  email: string;
  company: string;
  country: string;
  state: string | null;
  city: string;
  /** a user id, or a queue id for leads nobody has picked up */
  ownerId: string;
  status: LeadStatus;
  source: string;
  rating: 'Hot' | 'Warm' | 'Cold' | null;
  createdMs: number;
  modstampMs: number;
  converted: { day: Day; accountId: string; opportunityId: string | null } | null;
  deleted: boolean;
}

export const LEAD_SOURCES: readonly (readonly [string, number])[] = [
  ['Web', 30],
  ['Webinar', 15],
  ['Trade Show', 15],
  ['Partner Referral', 15],
  ['Phone Inquiry', 10],
  ['Purchased List', 5],
];

const RATINGS = [
  ['Hot', 2],
  ['Warm', 4],
  ['Cold', 3],
  [null, 2],
] as const;

function person(rng: Random, territory: Territory, company: string, n: number) {
  const who = personName(rng, rng.weighted(territory.region.people), 0.3);
  return { person: who, title: rng.pick(JOB_TITLES), email: `${who.handle}@${companyDomain(company, n)}` };
}

/**
 * A territory's leads: one for each opportunity that came from a lead
 * (converted the day the opportunity was created), and about 1.4 times as
 * many that did not become one; numbered in creation order.
 */
export function buildLeads(ctx: DemoContext, book: Book): Lead[] {
  const { territory } = book;
  const rng = Random.stream(ctx.seed, 'leads', territory.index);
  const leads: Lead[] = [];
  for (const o of book.opportunities) {
    if (o.fromLead && !o.deleted) leads.push(convertedLead(rng, ctx, territory, o.account, { id: o.id, createdMs: o.createdMs, source: o.leadSource }));
  }
  leads.push(...otherLeads(rng, ctx, territory, book.accounts, rng.poisson(leads.length * 1.4 + 2)));
  // The first territory of each unit has a lead entered twice; the copy was deleted.
  const original = territory.index % TERRITORY_BLOCK === 0 ? leads.find((l) => l.converted === null && l.createdMs < ctx.asOfEndMs - 3 * DAY_MS) : undefined;
  if (original) leads.push({ ...original, createdMs: original.createdMs + HOUR_MS, modstampMs: original.createdMs + DAY_MS, deleted: true });
  leads.sort((a, b) => a.createdMs - b.createdMs);
  leads.forEach((lead, k) => {
    lead.num = territory.index * BLOCK.lead + k + 1;
  });
  return leads;
}

/** The lead an opportunity came from, converted on the day the opportunity was created. */
function convertedLead(
  rng: Random,
  ctx: DemoContext,
  territory: Territory,
  account: Account,
  opportunity: { id: string; createdMs: number; source: string },
): Lead {
  const createdDay = workday(dayOf(opportunity.createdMs) - rng.int(1, 45));
  const createdMs = Math.min(officeTime(rng, createdDay, territory.region.tzHours), opportunity.createdMs - 3_600_000);
  const owner = userAt(ctx.org, workerAt(territory, dayOf(opportunity.createdMs)));
  return {
    num: 0,
    ...person(rng, territory, account.name, account.num),
    company: account.name,
    country: account.place.country,
    state: account.place.state,
    city: account.place.city,
    ownerId: owner.id,
    status: 'Closed - Converted',
    source: opportunity.source,
    rating: rng.weighted(RATINGS),
    createdMs,
    modstampMs: opportunity.createdMs,
    converted: { day: dayOf(opportunity.createdMs), accountId: account.id, opportunityId: opportunity.id },
    deleted: false,
  };
}

/**
 * Leads that did not become opportunities: recent ones still open or being
 * worked, older ones qualified, disqualified, or converted into an account
 * without an opportunity.
 */
function otherLeads(rng: Random, ctx: DemoContext, territory: Territory, accounts: readonly Account[], count: number): Lead[] {
  const { start, asOf } = ctx.window;
  const leadQueue = ctx.org.queues.find((q) => q.purpose === 'leads');
  const leads: Lead[] = [];
  for (let k = 0; k < count; k++) {
    const createdDay = workday(start + rng.int(-20, asOf - start));
    if (createdDay > asOf) continue;
    const createdMs = officeTime(rng, createdDay, territory.region.tzHours);
    const age = asOf - createdDay;
    const status: LeadStatus =
      age < 14
        ? rng.weighted([
            ['Open - Not Contacted', 6],
            ['Working - Contacted', 4],
          ] as const)
        : age < 60
          ? rng.weighted([
              ['Working - Contacted', 4],
              ['Qualified', 2],
              ['Unqualified', 4],
              ['Closed - Converted', 1],
            ] as const)
          : rng.weighted([
              ['Working - Contacted', 1],
              ['Qualified', 2],
              ['Unqualified', 7],
              ['Closed - Converted', 1],
            ] as const);
    const place = rng.weighted(territory.region.places);
    const convertDay = workday(createdDay + rng.int(3, 30));
    const target = status === 'Closed - Converted' && convertDay <= asOf ? existingAccount(rng, accounts, convertDay) : null;
    const finalStatus: LeadStatus = status === 'Closed - Converted' && !target ? 'Unqualified' : status;
    const company = target ? target.name : companyName(rng, place);
    const unassigned = leadQueue && (finalStatus === 'Open - Not Contacted' || finalStatus === 'Working - Contacted') && rng.chance(0.1);
    const touched = target ? officeTime(rng, convertDay, territory.region.tzHours) : createdMs + rng.int(0, Math.min(age, 30)) * DAY_MS;
    leads.push({
      num: 0,
      ...person(rng, territory, company, territory.index * 1000 + k),
      company,
      country: target ? target.place.country : place.country,
      state: target ? target.place.state : rng.chance(0.1) ? null : place.state,
      city: target ? target.place.city : place.city,
      ownerId: unassigned ? leadQueue.id : userAt(ctx.org, workerAt(territory, createdDay)).id,
      status: finalStatus,
      source: rng.weighted(LEAD_SOURCES),
      rating: rng.weighted(RATINGS),
      createdMs,
      modstampMs: Math.min(touched, ctx.asOfEndMs),
      converted: target ? { day: convertDay, accountId: target.id, opportunityId: null } : null,
      deleted: false,
    });
  }
  return leads;
}

function existingAccount(rng: Random, accounts: readonly Account[], day: Day): Account | null {
  for (let attempt = 0; attempt < 20; attempt++) {
    const account = rng.pick(accounts);
    if (account.createdDay < day) return account;
  }
  return null;
}
