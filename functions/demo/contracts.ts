import type { Account } from './accounts.ts';
import type { DemoContext } from './context.ts';
import { BLOCK, KEY_PREFIX, salesforceId } from './ids.ts';
import type { Territory } from './org.ts';
import type { Opportunity } from './pipeline.ts';
import { Random } from './random.ts';
import { CLOSED_WON } from './stages.ts';
import { addMonths, DAY_MS, dayOf, HOUR_MS, type Day } from './time.ts';

/**
 * Subscriptions. Every won deal with recurring products starts a contract
 * (ARR = its recurring line items). When a contract ends it is renewed for a
 * year (ARR a little up or down), unless the account has churned by then.
 */
export type ContractStatus = 'Activated' | 'Expired' | 'Draft';

export interface Contract {
  num: number;
  id: string;
  account: Account;
  status: ContractStatus;
  startDay: Day;
  endDay: Day;
  term: number;
  arrCents: number;
  modstampMs: number;
}

export function buildContracts(ctx: DemoContext, territory: Territory, opportunities: readonly Opportunity[]): Contract[] {
  const rng = Random.stream(ctx.seed, 'contracts', territory.index);
  const { asOf } = ctx.window;
  const drafts: Contract[] = [];
  for (const opportunity of opportunities) {
    const last = opportunity.history[opportunity.history.length - 1];
    if (opportunity.deleted || !last || last.stage !== CLOSED_WON) continue;
    let arrCents = 0;
    for (const item of opportunity.lineItems) if (item.product.recurring) arrCents += item.quantity * item.unitCents;
    if (arrCents === 0) continue;
    const account = opportunity.account;
    const closeDay = dayOf(last.ms);
    let startDay = closeDay + rng.int(0, 10);
    let term = rng.weighted([
      [12, 70],
      [24, 20],
      [36, 10],
    ] as const);
    // Paperwork for a few recent wins is still pending.
    if (startDay > asOf || (asOf - closeDay < 20 && rng.chance(0.15))) {
      drafts.push({ num: 0, id: '', account, status: 'Draft', startDay, endDay: addMonths(startDay, term) - 1, term, arrCents, modstampMs: Math.min(last.ms + HOUR_MS, ctx.asOfEndMs) });
      continue;
    }
    for (;;) {
      const endDay = addMonths(startDay, term) - 1;
      if (endDay >= asOf) {
        drafts.push({ num: 0, id: '', account, status: 'Activated', startDay, endDay, term, arrCents, modstampMs: startDay * DAY_MS + 3 * HOUR_MS });
        break;
      }
      drafts.push({ num: 0, id: '', account, status: 'Expired', startDay, endDay, term, arrCents, modstampMs: (endDay + 1) * DAY_MS + HOUR_MS });
      const churned = account.churnDay !== null && account.churnDay <= endDay + 1;
      if (churned || rng.chance(0.04)) break;
      startDay = endDay + 1;
      term = 12;
      arrCents = Math.max(10_000, Math.round((arrCents * rng.between(0.9, 1.12)) / 10_000) * 10_000);
    }
  }
  drafts.sort((a, b) => a.startDay - b.startDay);
  drafts.forEach((contract, k) => {
    contract.num = territory.index * BLOCK.contract + k + 1;
    contract.id = salesforceId(KEY_PREFIX.contract, contract.num);
  });
  return drafts;
}

/** Active at `day`: in force (Activated or Expired) and `day` within its dates. */
export function activeAt(contract: Contract, day: Day): boolean {
  return contract.status !== 'Draft' && contract.startDay <= day && day <= contract.endDay;
}
