import type { Account } from './accounts.ts';
import type { DemoContext } from './context.ts';
import { HUBSPOT_ID_BASE } from './ids.ts';
import type { User } from './org.ts';

/**
 * How the non-CRM files (CSAT, coaching) refer to accounts and people: by
 * the CRM's own record ids, Salesforce's or HubSpot's.
 */
export function accountKey(ctx: DemoContext, account: Account): string {
  return ctx.crm === 'hubspot' ? String(HUBSPOT_ID_BASE.company + account.num) : account.id;
}

export function userKey(ctx: DemoContext, user: User): string {
  return ctx.crm === 'hubspot' ? String(HUBSPOT_ID_BASE.owner + user.index + 1) : user.id;
}
