import type { Account } from './accounts.ts';
import type { DemoContext } from './context.ts';
import { BLOCK, KEY_PREFIX, salesforceId } from './ids.ts';
import { LEAD_SOURCES } from './leads.ts';
import { joinedDuringHistory, spellAt, TERRITORY_BLOCK, workerAt, type Territory } from './org.ts';
import type { Family, Product } from './products.ts';
import { listTotalCents, planQuote, type QuoteLine } from './quotes.ts';
import { Random } from './random.ts';
import { CLOSED_LOST, CLOSED_WON, NEGOTIATION, PROPOSAL, PROSPECTING, QUALIFICATION } from './stages.ts';
import { DAY_MS, dayOf, HOUR_MS, monthEnd, officeTime, workday, type Day } from './time.ts';

/**
 * Opportunities, their stage history and products. Each opportunity is simulated whole (stages, slipping close dates,
 * a quote at Proposal, maybe a discount at Negotiation, the close) and then
 * cut at asOf: what happened by then is its history, the last state is the
 * current record.
 */
export interface HistoryRow {
  ms: number;
  stage: number;
  amountCents: number;
  closeDay: Day;
  /** who made the change */
  byUserIndex: number;
}

export interface LineItem {
  product: Product;
  quantity: number;
  unitCents: number;
  /** added with the quote */
  createdMs: number;
  /** last changed: the quote, or the discount */
  ms: number;
}

export interface Opportunity {
  num: number;
  id: string;
  account: Account;
  name: string;
  type: string;
  leadSource: string;
  /** converted from a lead (leads.ts makes the lead itself) */
  fromLead: boolean;
  createdMs: number;
  ownerIndex: number;
  /** up to asOf, oldest first; the last row is the current state */
  history: HistoryRow[];
  lineItems: LineItem[];
  modstampMs: number;
  deleted: boolean;
}


interface Plan {
  ms: number;
  account: Account | null;
  legacy: boolean;
}

/** Close-date pushes per opportunity; keeps history within its id block (ids.ts). */
const MAX_PUSHES = 8;

export function buildPipeline(ctx: DemoContext, territory: Territory, accounts: Account[]): Opportunity[] {
  const rng = Random.stream(ctx.seed, 'pipeline', territory.index);
  const { start, asOf } = ctx.window;
  const tz = territory.region.tzHours;
  const plans: Plan[] = [];

  // Customers from before the history: each has a won deal from the year before.
  for (const account of accounts) {
    if (!account.installed) continue;
    const day = workday(Math.max(account.createdDay + 5, start - rng.int(60, 380)));
    plans.push({ ms: officeTime(rng, day, tz), account, legacy: true });
  }
  // New logos arrive with their first opportunity.
  let newLogos = 0;
  for (const account of accounts) {
    if (!account.newLogo) continue;
    plans.push({ ms: account.createdMs, account, legacy: false });
    newLogos++;
  }
  const months = (asOf - start) / 30.44;
  const regular = Math.max(0, rng.poisson(territory.oppsPerMonth * months) - newLogos);
  for (let k = 0; k < regular; k++) {
    const day = workday(start + rng.int(0, asOf - start));
    if (day > asOf || !rng.chance(staffing(territory, day))) continue;
    plans.push({ ms: officeTime(rng, day, tz), account: null, legacy: false });
  }
  plans.sort((a, b) => a.ms - b.ms);

  const opportunities: Opportunity[] = [];
  for (const plan of plans) {
    const createdDay = dayOf(plan.ms);
    const account = plan.account ?? chooseAccount(rng, accounts, createdDay);
    if (!account) continue;
    const num = territory.index * BLOCK.opportunity + opportunities.length + 1;
    const owned = new Set<Family>();
    for (const win of account.wins) if (win.day < createdDay) for (const family of win.families) owned.add(family);
    const existing = owned.size > 0 || account.wins.some((w) => w.day < createdDay);
    const quote = planQuote(rng, account, owned, territory.dealSize, plan.legacy);
    const fromLead = !plan.legacy && rng.chance(account.newLogo && !existing ? 0.7 : existing ? 0.08 : 0.35);
    const source = fromLead
      ? rng.weighted(LEAD_SOURCES)
      : existing
        ? rng.weighted([
            ['Existing Customer', 6],
            ['Outbound', 2],
          ] as const)
        : rng.weighted([
            ['Outbound', 5],
            ['Partner Referral', 2],
            ['Employee Referral', 1],
          ] as const);
    const ramp = rampFactor(territory, createdDay);
    const pWin = plan.legacy ? 1 : clamp(territory.winRate * (existing ? 1.35 : 1) * (account.segment === 'Enterprise' ? 0.85 : 1) * ramp, 0.05, 0.8);
    const sim = simulate(rng, territory, account, plan.ms, quote.lines, pWin);
    const history = sim.rows.filter((r) => r.ms <= ctx.asOfEndMs);
    const last = history[history.length - 1];
    if (!last) continue;
    const decidedDay = last.stage >= CLOSED_WON ? dayOf(last.ms) : asOf;
    const ownerIndex = workerAt(territory, decidedDay);
    const lineItems =
      sim.quoteMs !== null && sim.quoteMs <= last.ms
        ? quote.lines.map((line) => {
            const discounted = sim.discountMs !== null && sim.discountMs <= last.ms;
            return {
              product: line.product,
              quantity: line.quantity,
              unitCents: line.product.listPrice * (100 - (discounted ? sim.discountPct : 0)),
              createdMs: sim.quoteMs ?? plan.ms,
              ms: discounted && sim.discountMs !== null ? sim.discountMs : sim.quoteMs ?? plan.ms,
            };
          })
        : [];
    if (last.stage === CLOSED_WON) {
      account.wins.push({ day: dayOf(last.ms), ms: last.ms, families: lineItems.map((l) => l.product.family) });
    }
    // Handing a territory over touches its open deals.
    const handover = territory.spells[1];
    const handoverMs = handover ? handover.from * DAY_MS + 2 * HOUR_MS : 0;
    const reassigned = handover !== undefined && plan.ms < handoverMs && (last.stage < CLOSED_WON || last.ms > handoverMs);
    const id = salesforceId(KEY_PREFIX.opportunity, num);
    const opportunity: Opportunity = {
      num,
      id,
      account,
      name: `${account.name} - ${quote.family}${existing ? ' expansion' : ''}`,
      type: existing ? (rng.chance(0.85) ? 'Existing Customer - Upgrade' : 'Existing Customer - Replacement') : 'New Customer',
      leadSource: source,
      fromLead,
      createdMs: plan.ms,
      ownerIndex,
      history,
      lineItems,
      modstampMs: Math.min(Math.max(last.ms, reassigned ? handoverMs : 0), ctx.asOfEndMs),
      deleted: false,
    };
    opportunities.push(opportunity);
  }

  // The first territory of each unit carries a duplicate that someone deleted.
  if (territory.index % TERRITORY_BLOCK === 0) addDeletedDuplicate(rng, ctx, territory, opportunities);
  return opportunities;
}

/** How busy the territory is on `day`: a vacancy is covered part-time, a new hire ramps up over 3 months. */
function staffing(territory: Territory, day: Day): number {
  const spell = spellAt(territory, day);
  if (!spell) return 0.3;
  return joinedDuringHistory(spell) ? Math.min(1, 0.35 + (0.65 * (day - spell.from)) / 90) : 1;
}

function rampFactor(territory: Territory, day: Day): number {
  const spell = spellAt(territory, day);
  if (!spell) return 0.8;
  return joinedDuringHistory(spell) ? Math.min(1, 0.7 + (0.3 * (day - spell.from)) / 120) : 1;
}

/** A random account that exists and has not churned; a customer comes up about half as often as a prospect. */
function chooseAccount(rng: Random, accounts: readonly Account[], day: Day): Account | null {
  let fallback: Account | null = null;
  for (let attempt = 0; attempt < 60; attempt++) {
    const account = rng.pick(accounts);
    if (account.createdDay >= day || (account.churnDay !== null && account.churnDay <= day)) continue;
    fallback = account;
    const customer = account.wins.some((w) => w.day < day);
    if (rng.chance(customer ? 0.45 : 1)) return account;
  }
  return fallback;
}

interface Simulation {
  rows: HistoryRow[];
  quoteMs: number | null;
  discountMs: number | null;
  discountPct: number;
}

const DWELL_DAYS = [10, 14, 18, 16];
const SEGMENT_PACE = { SMB: 0.8, 'Mid-Market': 1.2, Enterprise: 2 } as const;

function simulate(
  rng: Random,
  territory: Territory,
  account: Account,
  createdMs: number,
  lines: readonly QuoteLine[],
  pWin: number,
): Simulation {
  const tz = territory.region.tzHours;
  const pace = SEGMENT_PACE[account.segment] * territory.speed;
  const won = rng.chance(pWin);
  const lastOpen = won ? NEGOTIATION : rng.weighted([[PROSPECTING, 35], [QUALIFICATION, 30], [PROPOSAL, 20], [NEGOTIATION, 15]] as const);
  const skipQualification = won && rng.chance(0.1);
  // Some deals stall: they sit in their last open stage for months before anyone closes them.
  const stall = rng.chance(0.07) ? rng.between(4, 10) : 1;
  const listCents = listTotalCents(lines);
  const latePusher = rng.chance(0.2);
  let pushes = 0;

  let expected = workday(dayOf(createdMs) + Math.round(DWELL_DAYS.reduce((a, b) => a + b, 0) * pace * rng.between(0.6, 1.1)));
  if (rng.chance(0.5)) expected = monthEnd(expected);
  let amount = Math.max(50_000, Math.round((listCents * rng.between(0.6, 1.5)) / 50_000) * 50_000);
  let current = PROSPECTING;
  let ms = createdMs;
  const by = (at: number) => workerAt(territory, dayOf(at));
  const rows: HistoryRow[] = [{ ms, stage: PROSPECTING, amountCents: amount, closeDay: expected, byUserIndex: by(ms) }];
  const sim: Simulation = { rows, quoteMs: null, discountMs: null, discountPct: 0 };

  const advance = (to: number) => {
    const closing = to === CLOSED_WON || to === CLOSED_LOST;
    const dwell = 1 + rng.exponential((DWELL_DAYS[current] ?? 10) * pace * (closing ? stall : 1));
    let target = officeTime(rng, workday(dayOf(ms + dwell * DAY_MS)), tz);
    if (target <= ms) target = ms + rng.int(1, 4) * HOUR_MS;
    // The rep moves the close date out when the deal slips past it.
    while (expected < dayOf(target) && pushes < MAX_PUSHES) {
      pushes++;
      const pushDay = latePusher ? expected + rng.int(0, 10) : expected - rng.int(0, 4);
      const pushMs = Math.max(ms + HOUR_MS, officeTime(rng, workday(pushDay), tz));
      if (pushMs >= target) break;
      expected = workday(expected + rng.int(14, 42));
      ms = pushMs;
      rows.push({ ms, stage: current, amountCents: amount, closeDay: expected, byUserIndex: by(ms) });
    }
    // Early on, the estimate gets revised now and then.
    if (current <= QUALIFICATION && rng.chance(0.25)) {
      const reviseMs = ms + Math.floor((target - ms) * rng.between(0.2, 0.8));
      if (reviseMs > ms) {
        ms = reviseMs;
        amount = Math.max(50_000, Math.round((amount * rng.between(0.7, 1.4)) / 50_000) * 50_000);
        rows.push({ ms, stage: current, amountCents: amount, closeDay: expected, byUserIndex: by(ms) });
      }
    }
    ms = target;
    if (to === QUALIFICATION && rng.chance(0.3)) amount = Math.max(50_000, Math.round((amount * rng.between(0.8, 1.25)) / 50_000) * 50_000);
    if (to === PROPOSAL) {
      amount = listCents;
      sim.quoteMs = ms;
    }
    if (to === NEGOTIATION && rng.chance(0.4)) {
      sim.discountPct = rng.pick([5, 10, 15, 20]);
      sim.discountMs = ms;
      amount = 0;
      for (const line of lines) amount += line.quantity * line.product.listPrice * (100 - sim.discountPct);
    }
    if (!closing && expected < dayOf(ms)) expected = workday(dayOf(ms) + rng.int(10, 30));
    current = to;
    rows.push({ ms, stage: to, amountCents: amount, closeDay: closing ? dayOf(ms) : expected, byUserIndex: by(ms) });
  };

  for (let s = QUALIFICATION; s <= lastOpen; s++) {
    if (s === QUALIFICATION && skipQualification) continue;
    advance(s);
  }
  advance(won ? CLOSED_WON : CLOSED_LOST);
  return sim;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/** A duplicate opportunity, created by mistake and deleted the next day. */
function addDeletedDuplicate(rng: Random, ctx: DemoContext, territory: Territory, opportunities: Opportunity[]) {
  const recent = opportunities.filter((o) => o.createdMs > ctx.asOfEndMs - 200 * DAY_MS && o.createdMs < ctx.asOfEndMs - 3 * DAY_MS);
  if (recent.length === 0) return;
  const original = rng.pick(recent);
  const createdMs = original.createdMs + 2 * HOUR_MS;
  const first = original.history[0];
  if (!first) return;
  const num = territory.index * BLOCK.opportunity + BLOCK.opportunity - 1;
  opportunities.push({
    ...original,
    num,
    id: salesforceId(KEY_PREFIX.opportunity, num),
    name: `${original.name} (duplicate)`,
    createdMs,
    history: [{ ...first, ms: createdMs }],
    lineItems: [],
    modstampMs: createdMs + DAY_MS,
    deleted: true,
  });
}
