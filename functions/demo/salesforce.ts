import { buildActivities, type Activity } from './activities.ts';
import { accountModstamp } from './accounts.ts';
import { books } from './book.ts';
import { csvFile, type DropFile } from './chunks.ts';
import type { DemoContext } from './context.ts';
import { activeAt, type Contract } from './contracts.ts';
import type { Cell } from './csv.ts';
import { money } from './csv.ts';
import { HISTORY_PER_OPPORTUNITY, ITEMS_PER_OPPORTUNITY, KEY_PREFIX, salesforceId } from './ids.ts';
import { buildLeads } from './leads.ts';
import { asciiHandle, companyDomain } from './names.ts';
import { userAt, type Territory, type User } from './org.ts';
import { PRODUCTS } from './products.ts';
import { buildQuotas } from './quotas.ts';
import { casesOf } from './service.ts';
import { stage } from './stages.ts';
import { DAY_MS, dayOf, formatDateTime, formatDay, HOUR_MS, yearMonth } from './time.ts';

/**
 * The CRM in Salesforce's Data Export layout: one CSV per object, headers
 * are field API names, every object carries IsDeleted and SystemModstamp.
 */
const dt = formatDateTime;
const d = formatDay;
const DEPARTMENT = { head: 'Sales', manager: 'Sales', ae: 'Sales', ops: 'Sales Operations', support: 'Customer Support', 'support-lead': 'Customer Support' } as const;

const currentOwner = (ctx: DemoContext, territory: Territory): User => {
  const spell = territory.spells[territory.spells.length - 1];
  return userAt(ctx.org, spell ? spell.userIndex : territory.managerIndex);
};

const users = csvFile(
  'crm/User.csv',
  ['Id', 'Username', 'LastName', 'FirstName', 'Name', 'Email', 'Alias', 'IsActive', 'ManagerId', 'Title', 'Department', 'Country', 'State', 'TimeZoneSidKey', 'UserType', 'CreatedDate', 'IsDeleted', 'SystemModstamp'],
  function* (ctx) {
    for (const u of ctx.org.users) {
      const manager = u.managerIndex === null ? null : userAt(ctx.org, u.managerIndex).id;
      const [first = '', last = ''] = u.person.handle.split('.');
      yield [u.id, u.email, u.person.lastName, u.person.firstName, u.person.name, u.email, (first.slice(0, 1) + last.slice(0, 7)) || asciiHandle(u.email).slice(0, 8), u.isActive, manager, u.title, DEPARTMENT[u.role], u.country, u.state, u.timeZone, 'Standard', dt(u.createdMs), false, dt(u.modstampMs)];
    }
  },
);

const accounts = csvFile(
  'crm/Account.csv',
  ['Id', 'Name', 'Type', 'Industry', 'BillingStreet', 'BillingCity', 'BillingState', 'BillingPostalCode', 'BillingCountry', 'BillingLatitude', 'BillingLongitude', 'Phone', 'Website', 'NumberOfEmployees', 'OwnerId', 'CreatedDate', 'IsDeleted', 'SystemModstamp'],
  function* (ctx) {
    for (const book of books(ctx)) {
      const owner = currentOwner(ctx, book.territory).id;
      const byAccount = new Map<string, Contract[]>();
      for (const c of book.contracts) {
        const list = byAccount.get(c.account.id);
        if (list) list.push(c);
        else byAccount.set(c.account.id, [c]);
      }
      for (const a of book.accounts) {
        const contracts = byAccount.get(a.id) ?? [];
        const type = contracts.some((c) => activeAt(c, ctx.window.asOf)) ? 'Customer' : contracts.some((c) => c.status !== 'Draft') ? 'Former Customer' : 'Prospect';
        yield [a.id, a.name, type, a.industry, a.street, a.place.city, a.place.state, a.place.postalCode, a.place.country, a.lat, a.lng, a.phone, `https://www.${companyDomain(a.name, a.num)}`, a.employees, owner, dt(a.createdMs), false, dt(accountModstamp(a, book.territory, ctx.asOfEndMs))];
      }
    }
  },
);

const opportunities = csvFile(
  'crm/Opportunity.csv',
  ['Id', 'IsDeleted', 'AccountId', 'Name', 'StageName', 'Amount', 'Probability', 'ExpectedRevenue', 'CloseDate', 'Type', 'LeadSource', 'IsClosed', 'IsWon', 'ForecastCategoryName', 'OwnerId', 'CreatedDate', 'CreatedById', 'SystemModstamp'],
  function* (ctx) {
    for (const book of books(ctx)) {
      for (const o of book.opportunities) {
        const first = o.history[0];
        const last = o.history[o.history.length - 1];
        if (!first || !last) continue;
        const s = stage(last.stage);
        yield [o.id, o.deleted, o.account.id, o.name, s.name, money(last.amountCents), s.probability, money(Math.round((last.amountCents * s.probability) / 100)), d(last.closeDay), o.type, o.leadSource, s.closed, s.won, s.forecastCategory, userAt(ctx.org, o.ownerIndex).id, dt(o.createdMs), userAt(ctx.org, first.byUserIndex).id, dt(o.modstampMs)];
      }
    }
  },
);

const history = csvFile(
  'crm/OpportunityHistory.csv',
  ['Id', 'OpportunityId', 'CreatedById', 'CreatedDate', 'StageName', 'Amount', 'ExpectedRevenue', 'CloseDate', 'Probability', 'ForecastCategory', 'IsDeleted', 'SystemModstamp'],
  function* (ctx) {
    for (const book of books(ctx)) {
      for (const o of book.opportunities) {
        for (const [j, h] of o.history.entries()) {
          if (j >= HISTORY_PER_OPPORTUNITY) throw new Error(`opportunity ${o.id} has more than ${HISTORY_PER_OPPORTUNITY} history rows`);
          const s = stage(h.stage);
          const created = dt(h.ms);
          yield [salesforceId(KEY_PREFIX.history, o.num * HISTORY_PER_OPPORTUNITY + j), o.id, userAt(ctx.org, h.byUserIndex).id, created, s.name, money(h.amountCents), money(Math.round((h.amountCents * s.probability) / 100)), d(h.closeDay), s.probability, s.forecastCategory, o.deleted, o.deleted ? dt(o.modstampMs) : created];
        }
      }
    }
  },
);

const lineItems = csvFile(
  'crm/OpportunityLineItem.csv',
  ['Id', 'OpportunityId', 'Product2Id', 'Quantity', 'UnitPrice', 'ListPrice', 'TotalPrice', 'CreatedDate', 'IsDeleted', 'SystemModstamp'],
  function* (ctx) {
    for (const book of books(ctx)) {
      for (const o of book.opportunities) {
        for (const [j, item] of o.lineItems.entries()) {
          if (j >= ITEMS_PER_OPPORTUNITY) throw new Error(`opportunity ${o.id} has more than ${ITEMS_PER_OPPORTUNITY} line items`);
          yield [salesforceId(KEY_PREFIX.lineItem, o.num * ITEMS_PER_OPPORTUNITY + j), o.id, item.product.id, item.quantity, money(item.unitCents), item.product.listPrice, money(item.unitCents * item.quantity), dt(item.createdMs), false, dt(item.ms)];
        }
      }
    }
  },
);

const products = csvFile(
  'crm/Product2.csv',
  ['Id', 'Name', 'ProductCode', 'Family', 'IsActive', 'CreatedDate', 'IsDeleted', 'SystemModstamp'],
  function* (ctx) {
    const created = (ctx.window.start - 700) * DAY_MS + 8 * HOUR_MS;
    for (const p of PRODUCTS) {
      const modstamp = p.isActive ? created : (ctx.window.start - 30) * DAY_MS + 9 * HOUR_MS;
      yield [p.id, p.name, p.code, p.family, p.isActive, dt(created), false, dt(modstamp)];
    }
  },
);

const leads = csvFile(
  'crm/Lead.csv',
  ['Id', 'FirstName', 'LastName', 'Company', 'Title', 'Email', 'Status', 'LeadSource', 'Rating', 'Country', 'State', 'City', 'OwnerId', 'IsConverted', 'ConvertedDate', 'ConvertedAccountId', 'ConvertedContactId', 'ConvertedOpportunityId', 'CreatedDate', 'IsDeleted', 'SystemModstamp'],
  function* (ctx) {
    for (const book of books(ctx)) {
      for (const l of buildLeads(ctx, book)) {
        const c = l.converted;
        yield [salesforceId(KEY_PREFIX.lead, l.num), l.person.firstName, l.person.lastName, l.company, l.title, l.email, l.status, l.source, l.rating, l.country, l.state, l.city, l.ownerId, c !== null, c ? d(c.day) : null, c?.accountId, c ? salesforceId(KEY_PREFIX.contact, l.num) : null, c?.opportunityId, dt(l.createdMs), l.deleted, dt(l.modstampMs)];
      }
    }
  },
);

function* activities(ctx: DemoContext, kind: 'task' | 'event'): Generator<Activity> {
  for (const book of books(ctx)) yield* buildActivities(ctx, book, kind);
}

const tasks = csvFile(
  'crm/Task.csv',
  ['Id', 'WhatId', 'AccountId', 'Subject', 'ActivityDate', 'Status', 'Priority', 'OwnerId', 'Type', 'TaskSubtype', 'CreatedDate', 'IsDeleted', 'SystemModstamp'],
  function* (ctx) {
    for (const t of activities(ctx, 'task')) {
      const modstamp = t.deleted ? t.ms + HOUR_MS : t.status === 'Completed' ? t.ms : t.createdMs;
      yield [t.id, t.whatId, t.account?.id, t.subject, d(dayOf(t.ms)), t.status, t.priority, userAt(ctx.org, t.ownerIndex).id, t.type, t.taskSubtype, dt(t.createdMs), t.deleted, dt(Math.min(modstamp, ctx.asOfEndMs))];
    }
  },
);

const events = csvFile(
  'crm/Event.csv',
  ['Id', 'WhatId', 'AccountId', 'Subject', 'Location', 'StartDateTime', 'EndDateTime', 'ActivityDate', 'DurationInMinutes', 'OwnerId', 'Type', 'CreatedDate', 'IsDeleted', 'SystemModstamp'],
  function* (ctx) {
    for (const e of activities(ctx, 'event')) {
      const modstamp = e.deleted ? e.ms : e.createdMs;
      yield [e.id, e.whatId, e.account?.id, e.subject, e.location, dt(e.ms), dt(e.ms + e.durationMinutes * 60_000), d(dayOf(e.ms)), e.durationMinutes, userAt(ctx.org, e.ownerIndex).id, e.type, dt(e.createdMs), e.deleted, dt(Math.min(modstamp, ctx.asOfEndMs))];
    }
  },
);

const cases = csvFile(
  'crm/Case.csv',
  ['Id', 'CaseNumber', 'AccountId', 'Subject', 'Status', 'Priority', 'Origin', 'OwnerId', 'IsClosed', 'CreatedDate', 'ClosedDate', 'IsDeleted', 'SystemModstamp'],
  function* (ctx) {
    for (const book of books(ctx)) {
      for (const c of casesOf(ctx, book)) {
        yield [c.id, String(c.num % 100_000_000).padStart(8, '0'), c.account.id, c.subject, c.status, c.priority, c.origin, c.ownerId, c.closedMs !== null, dt(c.createdMs), c.closedMs === null ? null : dt(c.closedMs), false, dt(c.modstampMs)];
      }
    }
  },
);

const contracts = csvFile(
  'crm/Contract.csv',
  ['Id', 'ContractNumber', 'AccountId', 'OwnerId', 'Status', 'StartDate', 'EndDate', 'ContractTerm', 'ARR__c', 'IsDeleted', 'SystemModstamp'],
  function* (ctx) {
    for (const book of books(ctx)) {
      const owner = currentOwner(ctx, book.territory).id;
      for (const c of book.contracts) {
        yield [c.id, String(c.num % 100_000_000).padStart(8, '0'), c.account.id, owner, c.status, d(c.startDay), d(c.endDay), c.term, money(c.arrCents), false, dt(c.modstampMs)];
      }
    }
  },
);

const quotas = csvFile(
  'crm/ForecastingQuota.csv',
  ['Id', 'QuotaOwnerId', 'PeriodId', 'StartDate', 'QuotaAmount', 'ForecastingTypeId', 'IsDeleted', 'SystemModstamp'],
  function* (ctx) {
    const forecastingType = salesforceId(KEY_PREFIX.forecastingType, 1);
    for (const book of books(ctx)) {
      for (const q of buildQuotas(ctx, book)) {
        const { year, month } = yearMonth(q.startDay);
        const setMs = Math.min((q.startDay - 20) * DAY_MS + 6 * HOUR_MS, ctx.window.asOf * DAY_MS + 6 * HOUR_MS);
        const cells: Cell[] = [salesforceId(KEY_PREFIX.quota, (q.user.index + 1) * 1000 + q.monthIndex), q.user.id, salesforceId(KEY_PREFIX.period, year * 100 + month), d(q.startDay), q.amount, forecastingType, false, dt(setMs)];
        yield cells;
      }
    }
  },
);

export const SALESFORCE_FILES: readonly DropFile[] = [users, accounts, opportunities, history, lineItems, products, leads, tasks, events, cases, contracts, quotas];
