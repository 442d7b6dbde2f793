import type { Account } from './accounts.ts';
import type { Book } from './book.ts';
import type { DemoContext } from './context.ts';
import { activeAt, type Contract } from './contracts.ts';
import { BLOCK, KEY_PREFIX, salesforceId } from './ids.ts';
import { TERRITORY_BLOCK, workerAt } from './org.ts';
import { Random } from './random.ts';
import { DAY_MS, dayOf, HOUR_MS, monthStart, officeTime, workday, type Day } from './time.ts';

/**
 * Tasks and events: touches on every deal while it is open, check-ins with
 * customers, prospecting calls, and a little internal admin.
 */
export interface Activity {
  num: number;
  id: string;
  kind: 'task' | 'event';
  /** when a task was done (or is due), when an event starts */
  ms: number;
  createdMs: number;
  ownerIndex: number;
  account: Account | null;
  whatId: string | null;
  type: string;
  taskSubtype: 'Call' | 'Email' | 'Task' | null;
  subject: string;
  status: 'Completed' | 'Not Started' | 'In Progress' | null;
  priority: 'Normal' | 'High';
  durationMinutes: number;
  location: string | null;
  deleted: boolean;
}

type Kind = 'call' | 'email' | 'other' | 'meeting' | 'demo' | 'visit' | 'call-event';

const SUBJECTS: Record<Kind, readonly string[]> = {
  call: ['Call', 'Discovery call', 'Follow-up call'],
  email: ['Email: follow-up', 'Email: pricing, next steps', 'Email: "quick question"'],
  other: ['Send proposal', 'Prepare quote', 'Update mutual action plan'],
  meeting: ['Meeting', 'Business review', 'Stakeholder meeting'],
  demo: ['Product demo', 'Analytics demo'],
  visit: ['Visit', 'On-site workshop', 'เยี่ยมลูกค้า'],
  'call-event': ['Scheduled call', 'Negotiation call'],
};

const ONLINE = ['Zoom', 'Microsoft Teams', 'Google Meet'] as const;
const INTERNAL = ['Update forecast', 'Pipeline review prep', 'CRM hygiene', 'Territory plan'] as const;
const TYPE: Record<Kind, string> = { call: 'Call', email: 'Email', other: 'Other', meeting: 'Meeting', demo: 'Demo', visit: 'Visit', 'call-event': 'Call' };

/**
 * A territory's tasks or its events. Each kind has its own random stream,
 * so Task.csv and Event.csv each build only their own.
 */
export function buildActivities(ctx: DemoContext, book: Book, wanted: 'task' | 'event'): Activity[] {
  const { territory } = book;
  const rng = Random.stream(ctx.seed, wanted === 'task' ? 'tasks' : 'events', territory.index);
  const { start, asOf } = ctx.window;
  const tz = territory.region.tzHours;
  const all: Activity[] = [];
  const visit = territory.region.visitShare;

  const add = (kind: Kind, day: Day, account: Account | null, whatId: string | null, subject: string) => {
    if (day > asOf || day < start - 30) return;
    const event = wanted === 'event';
    const durationMinutes = event ? (kind === 'visit' ? rng.pick([90, 120, 180]) : rng.pick([30, 45, 60, 60, 90])) : 0;
    let ms = officeTime(rng, day, tz);
    if (ms + durationMinutes * 60_000 > ctx.asOfEndMs) ms = ctx.asOfEndMs - (durationMinutes + 60) * 60_000;
    const recent = asOf - day < 7;
    const status = event ? null : recent && rng.chance(0.4) ? rng.pick(['Not Started', 'In Progress'] as const) : rng.chance(0.01) ? 'Not Started' : 'Completed';
    all.push({
      num: 0,
      id: '',
      kind: wanted,
      ms,
      createdMs: Math.max(ms - rng.int(0, 5) * DAY_MS - rng.int(0, 8) * HOUR_MS, (start - 40) * DAY_MS),
      ownerIndex: workerAt(territory, day),
      account,
      whatId,
      type: TYPE[kind],
      taskSubtype: event ? null : kind === 'call' ? 'Call' : kind === 'email' ? 'Email' : 'Task',
      subject: account ? `${subject} - ${account.name}` : subject,
      status,
      priority: rng.chance(0.15) ? 'High' : 'Normal',
      durationMinutes,
      location: event ? location(rng, kind, account) : null,
      deleted: false,
    });
  };

  // Deals: a touch or two plus one every two weeks while open; two thirds are tasks.
  const kinds: readonly (readonly [Kind, number])[] =
    wanted === 'task'
      ? [
          ['call', 30],
          ['email', 30],
          ['other', 8],
        ]
      : [
          ['meeting', 14],
          ['demo', 6],
          ['visit', 24 * visit],
          ['call-event', 4],
        ];
  const share = wanted === 'task' ? 0.66 : 0.34 + 0.2 * visit;
  for (const opportunity of book.opportunities) {
    if (opportunity.deleted) continue;
    const last = opportunity.history[opportunity.history.length - 1];
    if (!last) continue;
    const from = dayOf(opportunity.createdMs);
    const to = last.stage >= 4 ? dayOf(last.ms) : asOf;
    const touches = Math.min(20, rng.poisson((1.5 + (to - from) / 14) * territory.activityRate * share));
    for (let k = 0; k < touches; k++) {
      const kind = rng.weighted(kinds);
      add(kind, workday(from + rng.int(0, Math.max(0, to - from))), opportunity.account, opportunity.id, rng.pick(SUBJECTS[kind]));
    }
  }

  // Customers get check-ins (visits and meetings, or calls); prospects get the odd cold call or e-mail.
  const contractsOf = new Map<Account, Contract[]>();
  for (const c of book.contracts) {
    const list = contractsOf.get(c.account);
    if (list) list.push(c);
    else contractsOf.set(c.account, [c]);
  }
  const months: Day[] = [];
  for (let month = monthStart(start); month <= asOf; month = monthStart(month, 1)) months.push(month);
  for (const account of book.accounts) {
    const contracts = contractsOf.get(account) ?? [];
    for (const month of months) {
      const mid = month + 14;
      const customer = contracts.some((c) => activeAt(c, mid));
      const day = workday(month + rng.int(0, 27));
      if (wanted === 'event' && customer && rng.chance((0.15 + 0.2 * visit) * territory.activityRate)) {
        add(rng.weighted([['visit', 2 * visit], ['meeting', 1]] as const), day, account, account.id, rng.pick(['Quarterly business review', 'Check-in', 'Renewal check-in']));
      } else if (wanted === 'task' && (customer ? rng.chance(0.12 * territory.activityRate) : account.createdDay < mid && rng.chance(0.06))) {
        add(rng.pick(['call', 'email'] as const), day, account, account.id, customer ? 'Check-in' : 'Prospecting');
      }
    }
  }

  if (wanted === 'task') {
    for (let week = start; week <= asOf; week += 7) {
      if (rng.chance(0.4)) add('other', workday(week + rng.int(0, 4)), null, null, rng.pick(INTERNAL));
    }
  }

  // The first territory of each unit has an activity that was logged twice and deleted.
  if (territory.index % TERRITORY_BLOCK === 0) {
    const original = all.find((a) => a.account !== null && a.ms < ctx.asOfEndMs - 10 * DAY_MS);
    if (original) all.push({ ...original, createdMs: original.createdMs + 60_000, ms: original.ms + 60_000, deleted: true });
  }

  all.sort((a, b) => a.ms - b.ms);
  all.forEach((activity, k) => {
    activity.num = territory.index * BLOCK.activity + k + 1;
    activity.id = salesforceId(wanted === 'task' ? KEY_PREFIX.task : KEY_PREFIX.event, activity.num);
  });
  return all;
}

function location(rng: Random, kind: Kind, account: Account | null): string {
  if (kind === 'visit' && account) {
    const street = account.street.split('\n').pop() ?? account.street;
    return `${street}, ${account.place.city}`;
  }
  return rng.pick(ONLINE);
}
