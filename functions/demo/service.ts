import type { Account } from './accounts.ts';
import type { Book } from './book.ts';
import type { DemoContext } from './context.ts';
import { activeAt, type Contract } from './contracts.ts';
import { BLOCK, KEY_PREFIX, salesforceId } from './ids.ts';
import { userAt } from './org.ts';
import { Random } from './random.ts';
import { DAY_MS, HOUR_MS, monthStart, officeTime, workday, type Day } from './time.ts';

/**
 * Customer service: support cases on customer accounts (owned by support
 * agents or by support queues), and CSAT responses, after a case or from
 * the quarterly relationship survey.
 */
export interface Case {
  num: number;
  id: string;
  account: Account;
  subject: string;
  status: 'New' | 'Working' | 'Escalated' | 'Closed';
  priority: 'Low' | 'Medium' | 'High' | 'Critical';
  origin: string;
  ownerId: string;
  createdMs: number;
  closedMs: number | null;
  modstampMs: number;
}

export interface CsatResponse {
  responseId: string;
  submittedMs: number;
  account: Account;
  score: number;
  comment: string | null;
}

const SUBJECTS = [
  'Login issue',
  'Report export, formatting',
  'ERP Connector sync failed',
  'Invoice question',
  'Dashboard slow to load',
  'Error "403 Forbidden" on API',
  'Add users to the enterprise plan',
  'ตั้งค่าผู้ใช้ใหม่',
  'รายงานไม่แสดงข้อมูล',
  'Passwort zurücksetzen',
  'Datenexport schlägt fehl',
] as const;

const RESOLUTION_HOURS = { Low: 96, Medium: 60, High: 30, Critical: 10 } as const;
const CASES_PER_YEAR = { SMB: 1.2, 'Mid-Market': 2.5, Enterprise: 5 } as const;

const built = new WeakMap<Book, Case[]>();

/** The book's cases, built once per book (they live as long as it does). */
export function casesOf(ctx: DemoContext, book: Book): Case[] {
  let cases = built.get(book);
  if (!cases) built.set(book, (cases = buildCases(ctx, book)));
  return cases;
}

export function buildCases(ctx: DemoContext, book: Book): Case[] {
  const { territory } = book;
  const rng = Random.stream(ctx.seed, 'cases', territory.index);
  const agents = ctx.org.supportAgents[territory.unit] ?? [];
  const queues = ctx.org.queues.filter((q) => q.purpose === 'cases');
  const escalations = queues.find((q) => q.name === 'Escalations');
  const drafts: Case[] = [];
  for (const [account, contracts] of contractsByAccount(book)) {
    for (const [from, to] of customerSpans(contracts, ctx.window.start - 30, ctx.window.asOf)) {
      const years = (to - from + 1) / 365;
      const count = rng.poisson(CASES_PER_YEAR[account.segment] * (1.5 - account.health) * years);
      for (let k = 0; k < count; k++) {
        const createdMs = officeTime(rng, Math.min(workday(from + rng.int(0, to - from)), ctx.window.asOf), territory.region.tzHours);
        const priority = rng.weighted([
          ['Low', 30],
          ['Medium', 45],
          ['High', 20],
          ['Critical', 5],
        ] as const);
        const closeAt = createdMs + HOUR_MS + Math.round(rng.exponential(RESOLUTION_HOURS[priority]) * HOUR_MS);
        const closed = closeAt <= ctx.asOfEndMs;
        const escalated = !closed && (priority === 'High' || priority === 'Critical') && rng.chance(0.5);
        const queue = escalated ? escalations : rng.chance(0.45) ? rng.pick(queues) : undefined;
        const agent = agents.length > 0 ? userAt(ctx.org, rng.pick(agents)).id : undefined;
        drafts.push({
          num: 0,
          id: '',
          account,
          subject: rng.pick(SUBJECTS),
          status: closed ? 'Closed' : escalated ? 'Escalated' : ctx.asOfEndMs - createdMs < DAY_MS ? 'New' : 'Working',
          priority,
          origin: rng.weighted([
            ['Email', 40],
            ['Web', 30],
            ['Phone', 20],
            ['Chat', 10],
          ] as const),
          ownerId: queue?.id ?? agent ?? queues[0]?.id ?? '',
          createdMs,
          closedMs: closed ? closeAt : null,
          modstampMs: closed ? closeAt : Math.min(createdMs + rng.int(1, 48) * HOUR_MS, ctx.asOfEndMs),
        });
      }
    }
  }
  drafts.sort((a, b) => a.createdMs - b.createdMs);
  drafts.forEach((c, k) => {
    c.num = territory.index * BLOCK.case + k + 1;
    c.id = salesforceId(KEY_PREFIX.case, c.num);
  });
  return drafts;
}

const COMMENTS: Record<'en' | 'th' | 'de', readonly string[]> = {
  en: [
    'Great support, thanks!',
    'Slow onboarding, but the "success" team helped',
    'Fixed quickly.',
    'Took three days to get a reply, not great',
    'Reports are useful; exports, less so',
    'Love the new dashboards.\nPlease add more filters.',
  ],
  th: ['บริการดี', 'ตอบกลับช้า', 'ทีมงานช่วยเหลือดีมาก ขอบคุณครับ', 'ระบบใช้งานง่าย แต่รายงานยังช้าอยู่'],
  de: ['Schnelle Hilfe, danke!', 'Antwort kam spät, aber "gut" gelöst', 'Die Berichte sind sehr nützlich'],
};

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function buildCsat(ctx: DemoContext, book: Book, cases: readonly Case[]): CsatResponse[] {
  const rng = Random.stream(ctx.seed, 'csat', book.territory.index);
  const tz = book.territory.region.tzHours;
  const responses: CsatResponse[] = [];
  const respond = (account: Account, submittedMs: number, base: number) => {
    if (submittedMs > ctx.asOfEndMs) return;
    const score = Math.min(5, Math.max(1, Math.round(base + rng.normal() * 0.7)));
    const language = account.place.country === 'Thailand' ? 'th' : ['Germany', 'Austria', 'Switzerland'].includes(account.place.country) ? 'de' : 'en';
    const comment = rng.chance(0.35) ? rng.pick(rng.chance(0.8) ? COMMENTS[language] : COMMENTS.en) : null;
    responses.push({ responseId: `R_${rng.chars(BASE62, 15)}`, submittedMs, account, score, comment });
  };
  for (const c of cases) {
    if (c.closedMs === null || !rng.chance(0.3)) continue;
    const slow = c.closedMs - c.createdMs > 5 * DAY_MS ? 0.7 : 0;
    respond(c.account, c.closedMs + rng.int(1, 72) * HOUR_MS, 2.2 + 2.6 * c.account.health - slow);
  }
  // Relationship survey: every quarter, to every customer.
  for (const [account, contracts] of contractsByAccount(book)) {
    for (let quarter = monthStart(ctx.window.start, 1); quarter <= ctx.window.asOf; quarter = monthStart(quarter, 3)) {
      if (contracts.some((c) => activeAt(c, quarter)) && rng.chance(0.25)) {
        respond(account, officeTime(rng, workday(quarter + rng.int(0, 20)), tz), 1.6 + 3.4 * account.health);
      }
    }
  }
  return responses.sort((a, b) => a.submittedMs - b.submittedMs);
}

function contractsByAccount(book: Book): Map<Account, Contract[]> {
  const map = new Map<Account, Contract[]>();
  for (const contract of book.contracts) {
    if (contract.status === 'Draft') continue;
    const list = map.get(contract.account);
    if (list) list.push(contract);
    else map.set(contract.account, [contract]);
  }
  return map;
}

/** The spans during which an account was a customer, merged and clipped to [from, to]. */
function customerSpans(contracts: readonly Contract[], from: Day, to: Day): [Day, Day][] {
  const spans = contracts
    .map((c) => [Math.max(c.startDay, from), Math.min(c.endDay, to)] as [Day, Day])
    .filter(([a, b]) => a <= b)
    .sort((a, b) => a[0] - b[0]);
  const merged: [Day, Day][] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1] + 1) last[1] = Math.max(last[1], span[1]);
    else merged.push(span);
  }
  return merged;
}
