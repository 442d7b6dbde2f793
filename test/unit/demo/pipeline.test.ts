import { beforeAll, describe, expect, it } from 'vitest';
import { generateDrop, type Drop } from './drop-reader.ts';

type Row = Record<string, string>;

const AS_OF = '2026-09-15';
let drop: Drop;
let opportunities: Row[];
let historyByOpportunity: Map<string, Row[]>;
beforeAll(async () => {
  drop = await generateDrop({ asOf: AS_OF, seed: 3, scale: 1 });
  opportunities = drop.records('crm/Opportunity.csv').filter((o) => o.IsDeleted === 'false');
  historyByOpportunity = groupBy(drop.records('crm/OpportunityHistory.csv'), (h) => h.OpportunityId ?? '');
  for (const rows of historyByOpportunity.values()) rows.sort((a, b) => (a.CreatedDate ?? '').localeCompare(b.CreatedDate ?? '') || (a.Id ?? '').localeCompare(b.Id ?? ''));
});

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

const STAGES: Record<string, number> = { Prospecting: 10, Qualification: 20, Proposal: 50, Negotiation: 75, 'Closed Won': 100, 'Closed Lost': 0 };

describe('opportunities and their history', () => {
  it('makes the current opportunity equal to its last history row', () => {
    for (const o of opportunities) {
      const rows = historyByOpportunity.get(o.Id ?? '') ?? [];
      const last = rows[rows.length - 1];
      expect(last, o.Id).toBeDefined();
      expect([last?.StageName, last?.Amount, last?.CloseDate, last?.Probability], o.Id).toEqual([o.StageName, o.Amount, o.CloseDate, o.Probability]);
      expect(rows[0]?.CreatedDate, o.Id).toBe(o.CreatedDate);
    }
  });

  it('uses the six stages with their probabilities, and IsClosed/IsWon agree with the stage', () => {
    for (const h of drop.records('crm/OpportunityHistory.csv')) expect(STAGES[h.StageName ?? '']).toBe(Number(h.Probability));
    for (const o of opportunities) {
      expect(o.IsClosed).toBe(String(o.StageName?.startsWith('Closed')));
      expect(o.IsWon).toBe(String(o.StageName === 'Closed Won'));
    }
  });

  it('records stage changes, amount changes and close-date pushes over time', () => {
    let amountChanges = 0;
    let pushes = 0;
    for (const rows of historyByOpportunity.values()) {
      for (let k = 1; k < rows.length; k++) {
        const [prev, row] = [rows[k - 1] as Row, rows[k] as Row];
        expect((row.CreatedDate ?? '') > (prev.CreatedDate ?? '')).toBe(true);
        if (row.Amount !== prev.Amount) amountChanges++;
        if (row.StageName === prev.StageName && row.CloseDate !== prev.CloseDate) pushes++;
      }
    }
    expect(amountChanges).toBeGreaterThan(opportunities.length * 0.2);
    expect(pushes).toBeGreaterThan(opportunities.length * 0.2);
    expect(drop.counts['crm/OpportunityHistory.csv']).toBeGreaterThan(opportunities.length * 3.5);
  });

  it('makes the amount of a deal with products the sum of its line items', () => {
    const totals = new Map<string, number>();
    for (const item of drop.records('crm/OpportunityLineItem.csv')) {
      expect(Number(item.TotalPrice)).toBeCloseTo(Number(item.Quantity) * Number(item.UnitPrice), 2);
      totals.set(item.OpportunityId ?? '', (totals.get(item.OpportunityId ?? '') ?? 0) + Number(item.TotalPrice));
    }
    for (const o of opportunities) if (totals.has(o.Id ?? '')) expect(Number(o.Amount)).toBeCloseTo(totals.get(o.Id ?? '') ?? 0, 2);
    const won = opportunities.filter((o) => o.IsWon === 'true');
    expect(won.every((o) => totals.has(o.Id ?? ''))).toBe(true);
  });

  it('wins 25–40 % of the deals closed in the last 12 months and keeps a good share open', () => {
    const closed = opportunities.filter((o) => o.IsClosed === 'true' && (o.CloseDate ?? '') > '2025-09-15');
    const winRate = closed.filter((o) => o.IsWon === 'true').length / closed.length;
    expect(winRate).toBeGreaterThan(0.25);
    expect(winRate).toBeLessThan(0.4);
    const open = opportunities.filter((o) => o.IsClosed === 'false');
    expect(open.length / opportunities.length).toBeGreaterThan(0.05);
    expect(open.some((o) => (o.CloseDate ?? '') > AS_OF)).toBe(true);
  });

  it('has new business, upsell and cross-sell deals (the KPI catalog classification)', () => {
    const families = new Map(drop.records('crm/Product2.csv').map((p) => [p.Id, p.Family]));
    const familiesOf = groupBy(drop.records('crm/OpportunityLineItem.csv'), (l) => l.OpportunityId ?? '');
    const wonByAccount = groupBy(
      opportunities.filter((o) => o.IsWon === 'true'),
      (o) => o.AccountId ?? '',
    );
    const counts = { new: 0, upsell: 0, crossSell: 0 };
    for (const o of opportunities) {
      const created = o.CreatedDate?.slice(0, 10) ?? '';
      const earlier = (wonByAccount.get(o.AccountId ?? '') ?? []).filter((w) => w.Id !== o.Id && (w.CloseDate ?? '') < created);
      if (earlier.length === 0) {
        counts.new++;
        continue;
      }
      const owned = new Set(earlier.flatMap((w) => (familiesOf.get(w.Id ?? '') ?? []).map((l) => families.get(l.Product2Id))));
      const cross = (familiesOf.get(o.Id ?? '') ?? []).some((l) => !owned.has(families.get(l.Product2Id)));
      if (cross) counts.crossSell++;
      else counts.upsell++;
    }
    const total = counts.new + counts.upsell + counts.crossSell;
    expect(counts.new / total).toBeGreaterThan(0.3);
    expect(counts.upsell / total).toBeGreaterThan(0.1);
    expect(counts.crossSell / total).toBeGreaterThan(0.05);
  });

  it('sells four or five product families', () => {
    const families = new Set(drop.records('crm/Product2.csv').map((p) => p.Family));
    expect(families.size).toBeGreaterThanOrEqual(4);
    expect(families.size).toBeLessThanOrEqual(5);
  });

  it('keeps a deleted duplicate, with its history marked deleted too', () => {
    const deleted = drop.records('crm/Opportunity.csv').filter((o) => o.IsDeleted === 'true');
    expect(deleted.length).toBeGreaterThan(0);
    for (const o of deleted) {
      const rows = drop.records('crm/OpportunityHistory.csv').filter((h) => h.OpportunityId === o.Id);
      expect(rows.map((h) => h.IsDeleted)).toEqual(rows.map(() => 'true'));
    }
  });
});

describe('leads', () => {
  it('uses the five statuses and converts some leads into accounts and opportunities', () => {
    const leads = drop.records('crm/Lead.csv');
    expect(new Set(leads.map((l) => l.Status))).toEqual(new Set(['Open - Not Contacted', 'Working - Contacted', 'Qualified', 'Unqualified', 'Closed - Converted']));
    const ids = new Set(opportunities.map((o) => o.Id));
    const accounts = new Set(drop.records('crm/Account.csv').map((a) => a.Id));
    const converted = leads.filter((l) => l.IsConverted === 'true');
    expect(converted.length).toBeGreaterThan(leads.length * 0.2);
    for (const l of converted) {
      expect(l.Status).toBe('Closed - Converted');
      expect(l.ConvertedDate).toMatch(/^\d{4}-\d\d-\d\d$/);
      expect((l.ConvertedDate ?? '') >= (l.CreatedDate ?? '').slice(0, 10)).toBe(true);
      expect(accounts.has(l.ConvertedAccountId)).toBe(true);
      if (l.ConvertedOpportunityId) expect(ids.has(l.ConvertedOpportunityId)).toBe(true);
    }
    expect(converted.filter((l) => l.ConvertedOpportunityId).length).toBeGreaterThan(converted.length * 0.8);
    expect(converted.some((l) => !l.ConvertedOpportunityId)).toBe(true);
  });
});

describe('contracts', () => {
  it('activates, expires and renews contracts, and some customers churn', () => {
    const contracts = drop.records('crm/Contract.csv');
    expect(new Set(contracts.map((c) => c.Status))).toEqual(new Set(['Activated', 'Expired', 'Draft']));
    const byAccount = groupBy(contracts, (c) => c.AccountId ?? '');
    const dayAfter = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    let renewals = 0;
    let churned = 0;
    for (const list of byAccount.values()) {
      const starts = new Set(list.map((c) => c.StartDate));
      renewals += list.filter((c) => c.Status === 'Expired' && starts.has(dayAfter(c.EndDate ?? ''))).length;
      if (list.every((c) => c.Status === 'Expired')) churned++;
    }
    expect(renewals).toBeGreaterThan(10);
    expect(churned).toBeGreaterThan(5);
    for (const c of contracts) {
      expect(Number(c.ARR__c)).toBeGreaterThan(0);
      expect(Number(c.ContractTerm)).toBeGreaterThan(0);
      expect((c.EndDate ?? '') > (c.StartDate ?? '')).toBe(true);
    }
  });
});

describe('quotas', () => {
  it('gives every AE a monthly quota starting on the first of the month', () => {
    const quotas = drop.records('crm/ForecastingQuota.csv');
    const owners = new Set(opportunities.map((o) => o.OwnerId));
    const quotaOwners = new Set(quotas.map((q) => q.QuotaOwnerId));
    const aes = drop.records('crm/User.csv').filter((u) => u.Title?.includes('Account Executive') && !u.Title.includes('Manager'));
    for (const ae of aes) expect(quotaOwners.has(ae.Id), ae.Name).toBe(true);
    for (const q of quotas) {
      expect(q.StartDate).toMatch(/-01$/);
      expect(Number(q.QuotaAmount)).toBeGreaterThan(0);
      expect(owners.has(q.QuotaOwnerId)).toBe(true);
    }
  });
});
