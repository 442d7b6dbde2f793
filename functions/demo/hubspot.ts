import { books } from './book.ts';
import { csvFile, type DropFile } from './chunks.ts';
import type { DemoContext } from './context.ts';
import { money } from './csv.ts';
import { HUBSPOT_ID_BASE } from './ids.ts';
import { accountKey, userKey } from './keys.ts';
import { buildLeads, type LeadStatus } from './leads.ts';
import { userAt, type Territory, type User } from './org.ts';
import { stage } from './stages.ts';
import { formatDateTimeSpaced, formatDay } from './time.ts';

/**
 * The CRM as HubSpot's CSV exports: display-name headers, numeric record
 * ids, owners named by "First Last" (resolved to people through
 * owners.csv). The deal pipeline is customised to the same stage names as
 * the Salesforce layout. Datetimes are `YYYY-MM-DD HH:MM:SS` (UTC), dates
 * `YYYY-MM-DD`. No history, line items, activities, cases, contracts or
 * quotas: the HubSpot drop is deliberately simple.
 *
 * Headers (the ingest mapping starts from these):
 * - owners.csv:    Owner ID, Email, First Name, Last Name
 * - companies.csv: Record ID, Company name, Company owner, Country/Region,
 *                  State/Region, City, Industry, Number of Employees,
 *                  Create Date, Last Modified Date
 * - deals.csv:     Record ID, Deal Name, Deal Stage, Pipeline, Amount,
 *                  Close Date, Create Date, Deal owner,
 *                  Associated Company IDs, Is Closed Won, Deal Type,
 *                  Last Modified Date
 * - contacts.csv:  Record ID, First Name, Last Name, Email, Company Name,
 *                  Contact owner, Associated Company IDs, Lifecycle Stage,
 *                  Lead Status, Create Date, Last Modified Date
 */
const when = formatDateTimeSpaced;
const ownerName = (user: User) => user.person.name;

const currentOwner = (ctx: DemoContext, territory: Territory): User => {
  const spell = territory.spells[territory.spells.length - 1];
  return userAt(ctx.org, spell ? spell.userIndex : territory.managerIndex);
};

const owners = csvFile('hubspot/owners.csv', ['Owner ID', 'Email', 'First Name', 'Last Name'], function* (ctx) {
  for (const u of ctx.org.users) yield [userKey(ctx, u), u.email, u.person.firstName, u.person.lastName];
});

const companies = csvFile(
  'hubspot/companies.csv',
  ['Record ID', 'Company name', 'Company owner', 'Country/Region', 'State/Region', 'City', 'Industry', 'Number of Employees', 'Create Date', 'Last Modified Date'],
  function* (ctx) {
    for (const book of books(ctx)) {
      const owner = ownerName(currentOwner(ctx, book.territory));
      for (const a of book.accounts) {
        yield [accountKey(ctx, a), a.name, owner, a.place.country, a.place.state, a.place.city, a.industry, a.employees, when(a.createdMs), when(a.createdMs)];
      }
    }
  },
);

const deals = csvFile(
  'hubspot/deals.csv',
  ['Record ID', 'Deal Name', 'Deal Stage', 'Pipeline', 'Amount', 'Close Date', 'Create Date', 'Deal owner', 'Associated Company IDs', 'Is Closed Won', 'Deal Type', 'Last Modified Date'],
  function* (ctx) {
    for (const book of books(ctx)) {
      for (const o of book.opportunities) {
        const last = o.history[o.history.length - 1];
        if (o.deleted || !last) continue;
        const s = stage(last.stage);
        const type = o.type === 'New Customer' ? 'New Business' : 'Existing Business';
        yield [String(HUBSPOT_ID_BASE.deal + o.num), o.name, s.name, 'Sales Pipeline', money(last.amountCents), formatDay(last.closeDay), when(o.createdMs), ownerName(userAt(ctx.org, o.ownerIndex)), accountKey(ctx, o.account), s.won, type, when(o.modstampMs)];
      }
    }
  },
);

const LEAD_STATUS: Record<LeadStatus, string> = {
  'Open - Not Contacted': 'New',
  'Working - Contacted': 'In Progress',
  Qualified: 'Connected',
  Unqualified: 'Unqualified',
  'Closed - Converted': 'Open Deal',
};

const contacts = csvFile(
  'hubspot/contacts.csv',
  ['Record ID', 'First Name', 'Last Name', 'Email', 'Company Name', 'Contact owner', 'Associated Company IDs', 'Lifecycle Stage', 'Lead Status', 'Create Date', 'Last Modified Date'],
  function* (ctx) {
    const nameById = new Map(ctx.org.users.map((u) => [u.id, u.person.name]));
    for (const book of books(ctx)) {
      const companyByAccountId = new Map(book.accounts.map((a) => [a.id, accountKey(ctx, a)]));
      for (const l of buildLeads(ctx, book)) {
        if (l.deleted) continue;
        const c = l.converted;
        const lifecycle = c?.opportunityId ? 'Opportunity' : c ? 'Customer' : l.status === 'Qualified' ? 'Sales Qualified Lead' : 'Lead';
        yield [String(HUBSPOT_ID_BASE.contact + l.num), l.person.firstName, l.person.lastName, l.email, l.company, nameById.get(l.ownerId) ?? null, c ? companyByAccountId.get(c.accountId) : null, lifecycle, LEAD_STATUS[l.status], when(l.createdMs), when(l.modstampMs)];
      }
    }
  },
);

export const HUBSPOT_FILES: readonly DropFile[] = [owners, companies, deals, contacts];
