import type { Book } from './book.ts';
import type { DemoContext } from './context.ts';
import { userAt, type User } from './org.ts';
import { Random } from './random.ts';
import { CLOSED_WON } from './stages.ts';
import { dayOf, monthStart, type Day } from './time.ts';

/**
 * Monthly quotas (ForecastingQuota, StartDate = first of the month) for each
 * AE while they hold a territory: about what the territory books, a tenth
 * more in the second year, ramped for a new hire. Quotas are planned ahead,
 * so they run to the end of the quarter holding asOf, whatever the fiscal
 * calendar (two months past asOf's month).
 */
export interface Quota {
  user: User;
  /** months since the first month of the history, for the id */
  monthIndex: number;
  startDay: Day;
  amount: number;
}

export function buildQuotas(ctx: DemoContext, book: Book): Quota[] {
  const { territory } = book;
  const rng = Random.stream(ctx.seed, 'quotas', territory.index);
  const first = monthStart(ctx.window.start);
  const last = monthStart(ctx.window.asOf, 2);
  let bookedCents = 0;
  for (const opportunity of book.opportunities) {
    const row = opportunity.history[opportunity.history.length - 1];
    if (!opportunity.deleted && row && row.stage === CLOSED_WON && dayOf(row.ms) >= ctx.window.start) bookedCents += row.amountCents;
  }
  const months = (ctx.window.asOf - ctx.window.start) / 30.44;
  const base = Math.max(1000, Math.round((bookedCents / 100 / months) * rng.between(0.9, 1.2)));
  const quotas: Quota[] = [];
  for (const spell of territory.spells) {
    const user = userAt(ctx.org, spell.userIndex);
    const firstMonth = spell.from > first ? monthStart(spell.from, spell.from - monthStart(spell.from) > 14 ? 1 : 0) : first;
    let monthIndex = 0;
    for (let month = first; month <= last; month = monthStart(month, 1), monthIndex++) {
      if (month < firstMonth || month >= spell.to) continue;
      const secondYear = month >= monthStart(first, 12) ? 1.1 : 1;
      const tenure = Math.round((month - firstMonth) / 30.44);
      const ramp = spell.from > first ? ([0.4, 0.7, 0.9][tenure] ?? 1) : 1;
      quotas.push({ user, monthIndex, startDay: month, amount: Math.round((base * secondYear * ramp) / 1000) * 1000 });
    }
  }
  return quotas;
}
