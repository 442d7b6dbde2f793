import type { DemoContext } from './context.ts';
import type { User } from './org.ts';
import { Random } from './random.ts';
import { DAY_MS, formatDateTime, formatDateTimeWithOffset, formatDay, monthStart, officeTime, workday, type Day } from './time.ts';

/**
 * The LMS as an LRS export of xAPI 1.0.3 statements: courses assigned
 * (`registered`, with a due date), `completed` on time, late or never, and
 * skill assessments (`passed`, `failed`, `scored`). Most learners are
 * identified by `mbox`; some by an LMS `account`, named by their e-mail or
 * by an employee number that `lms/identity-map.csv` resolves.
 */
export const LMS_HOME = 'https://lms.kinnaree.example';
export const DUE_DATE_EXTENSION = 'https://scorecard.dev/xapi/due-date';
export const SKILL_EXTENSION = 'https://scorecard.dev/xapi/skill';
const VERBS = 'http://adlnet.gov/expapi/verbs/';

interface Course {
  slug: string;
  name: string;
}

const COURSES: readonly Course[] = [
  { slug: 'discovery-101', name: 'Discovery Conversations' },
  { slug: 'negotiation-fundamentals', name: 'Negotiation Fundamentals' },
  { slug: 'executive-presentations', name: 'Presenting to Executives' },
  { slug: 'product-analytics', name: 'Product Deep Dive: Analytics' },
  { slug: 'product-integrations', name: 'Product Deep Dive: Integrations' },
  { slug: 'forecasting-discipline', name: 'Forecasting Discipline' },
  { slug: 'objection-handling', name: 'Handling Objections' },
];
const COMPLIANCE: readonly Course[] = [
  { slug: 'data-protection', name: 'Data Protection Essentials (PDPA & GDPR)' },
  { slug: 'anti-bribery', name: 'Anti-Bribery & Corruption' },
];
const ONBOARDING: Course = { slug: 'new-hire-onboarding', name: 'New Hire Onboarding' };

const SKILLS = [
  ['negotiation', 'Negotiation check'],
  ['presentation', 'Presentation check'],
  ['discovery', 'Discovery check'],
  ['product', 'Product knowledge check'],
] as const;

export type Statement = Record<string, unknown>;

/** The sales people take courses; support and operations are not in this LMS. */
const isLearner = (user: User) => user.role === 'ae' || user.role === 'manager' || user.role === 'head';

/** Every learner's statements, learner by learner, each in time order. */
export function* statements(ctx: DemoContext): Generator<Statement> {
  for (const user of ctx.org.users) if (isLearner(user)) yield* learnerStatements(ctx, user);
}

/** Learners the LMS knows by an account name that is not an e-mail address. */
export function identityMap(ctx: DemoContext): { accountName: string; email: string }[] {
  return ctx.org.users.flatMap((u) => (isLearner(u) && u.lms.kind === 'account' && !u.lms.name.includes('@') ? [{ accountName: u.lms.name, email: u.email }] : []));
}

function learnerStatements(ctx: DemoContext, user: User): Statement[] {
  const rng = Random.stream(ctx.seed, 'learning', user.index);
  const from: Day = Math.max(ctx.window.start, user.hiredDay ?? ctx.window.start);
  const to: Day = Math.min(ctx.window.asOf, user.leftDay ?? ctx.window.asOf);
  const out: { ms: number; statement: Statement }[] = [];
  const actor =
    user.lms.kind === 'mbox'
      ? { objectType: 'Agent', name: user.person.name, mbox: `mailto:${user.email}` }
      : { objectType: 'Agent', name: user.person.name, account: { homePage: LMS_HOME, name: user.lms.name } };
  const offsetStyle = user.tzHours === 7 && rng.chance(0.3);

  const emit = (day: Day, verb: string, object: Statement, extra: Statement = {}): string | null => {
    if (day > to || day < from) return null;
    const ms = officeTime(rng, day, user.tzHours);
    const id = rng.uuid();
    out.push({
      ms,
      statement: {
        id,
        timestamp: offsetStyle ? formatDateTimeWithOffset(ms, 7) : formatDateTime(ms),
        actor,
        verb: { id: VERBS + verb, display: { 'en-US': verb } },
        object,
        ...extra,
        stored: formatDateTime(Math.min(ms + rng.int(1, 90) * 1000, ctx.asOfEndMs)),
        version: '1.0.3',
      },
    });
    return id;
  };

  const course = (c: Course): Statement => ({
    objectType: 'Activity',
    id: `${LMS_HOME}/courses/${c.slug}`,
    definition: { name: { 'en-US': c.name }, type: 'http://adlnet.gov/expapi/activities/course' },
  });

  const assign = (c: Course, day: Day, dueDays: number) => {
    const due = day + dueDays;
    const context = (d: Day) => ({ context: { platform: 'Kinnaree Academy', extensions: { [DUE_DATE_EXTENSION]: formatDay(d) } } });
    emit(day, 'registered', course(c), context(due));
    let finalDue = due;
    if (rng.chance(0.06)) {
      finalDue = due + 30;
      emit(due - 3, 'registered', course(c), context(finalDue));
    }
    const outcome = rng.weighted([
      ['on time', 72],
      ['late', 13],
      ['never', 15],
    ] as const);
    if (outcome === 'never') return;
    const done = outcome === 'on time' ? workday(day + rng.int(1, finalDue - day - 2)) : finalDue + rng.int(1, 30);
    emit(done, 'completed', course(c), { result: { completion: true } });
  };

  if (user.hiredDay !== null) assign(ONBOARDING, user.hiredDay, 14);
  for (let month = monthStart(ctx.window.start, 1); month <= to; month = monthStart(month, 1)) {
    const { m, quarterStart } = monthInfo(month);
    if (m === 1 || month === monthStart(ctx.window.start, 1)) for (const c of COMPLIANCE) assign(c, workday(month + rng.int(0, 10)), 60);
    if (quarterStart) {
      const picks = new Set<Course>([rng.pick(COURSES), rng.pick(COURSES)]);
      for (const c of picks) assign(c, workday(month + rng.int(0, 10)), rng.pick([30, 45]));
    }
  }

  const level = rng.between(0.5, 0.82);
  for (const [skill, name] of SKILLS) {
    for (let day = from + rng.int(5, 80); day <= to; day += rng.int(70, 110)) {
      const progress = ((day - ctx.window.start) / 365) * 0.08;
      const score = Math.min(1, Math.max(0, level + progress + rng.normal() * 0.08));
      const verb = rng.chance(0.25) ? 'scored' : score >= 0.7 ? 'passed' : 'failed';
      const object: Statement = {
        objectType: 'Activity',
        id: `${LMS_HOME}/assessments/${skill}-check`,
        definition: { name: { 'en-US': name }, type: 'http://adlnet.gov/expapi/activities/assessment', extensions: { [SKILL_EXTENSION]: skill } },
      };
      emit(workday(day), verb, object, { result: { score: scoreOf(rng, score), ...(verb === 'scored' ? {} : { success: verb === 'passed' }) } });
    }
  }

  // Once per unit, a completion recorded by mistake and voided the next day.
  if (user.role === 'ae' && ctx.org.users.find((u) => u.unit === user.unit && u.role === 'ae') === user) {
    const day = workday(to - 20);
    const target = emit(day, 'completed', course(ONBOARDING), { result: { completion: true } });
    if (target) emit(workday(day + 1), 'voided', { objectType: 'StatementRef', id: target });
  }

  out.sort((a, b) => a.ms - b.ms);
  return out.map((o) => o.statement);
}

function monthInfo(month: Day): { m: number; quarterStart: boolean } {
  const m = new Date(month * DAY_MS).getUTCMonth() + 1;
  return { m, quarterStart: (m - 1) % 3 === 0 };
}

/** Scaled (0..1) for most LMSs, raw with min and max for others (min left out now and then: it defaults to 0). */
function scoreOf(rng: Random, score: number): Statement {
  if (rng.chance(0.6)) return { scaled: Math.round(score * 1000) / 1000 };
  const max = rng.pick([50, 100]);
  const raw = Math.round(score * max);
  return rng.chance(0.2) ? { raw, max } : { raw, min: 0, max };
}
