import { beforeAll, describe, expect, it } from 'vitest';
import { generateDrop, type Drop } from './drop-reader.ts';

// Prepare: one demo-size drop shared by the tests of this file.
const AS_OF = '2026-05-20';
const OPTIONS = { asOf: AS_OF, seed: 7, scale: 1 } as const;
let drop: Drop;
beforeAll(async () => {
  drop = await generateDrop(OPTIONS);
});

/** Required columns of the data contract (README "Your exports"), per file. */
const CONTRACT: [string, string[]][] = [
  ['crm/User.csv', ['Id', 'Name', 'Email', 'IsActive']],
  ['crm/Account.csv', ['Id', 'Name', 'OwnerId']],
  ['crm/Opportunity.csv', ['Id', 'AccountId', 'OwnerId', 'Amount', 'StageName', 'IsClosed', 'IsWon', 'CloseDate', 'CreatedDate']],
  ['crm/OpportunityHistory.csv', ['Id', 'OpportunityId', 'CreatedDate', 'StageName', 'Amount', 'CloseDate', 'Probability']],
  ['crm/OpportunityLineItem.csv', ['Id', 'OpportunityId', 'Product2Id']],
  ['crm/Product2.csv', ['Id', 'Name', 'Family']],
  ['crm/Lead.csv', ['Id', 'OwnerId', 'Status', 'CreatedDate', 'IsConverted']],
  ['crm/Task.csv', ['Id', 'OwnerId', 'ActivityDate']],
  ['crm/Event.csv', ['Id', 'OwnerId', 'ActivityDate']],
  ['crm/Case.csv', ['Id', 'AccountId', 'CreatedDate', 'IsClosed']],
  ['crm/Contract.csv', ['Id', 'AccountId', 'StartDate', 'EndDate', 'Status']],
  ['crm/ForecastingQuota.csv', ['Id', 'QuotaOwnerId', 'StartDate', 'QuotaAmount']],
  ['surveys/csat.csv', ['ResponseId', 'SubmittedAt', 'AccountId', 'Score', 'Comment']],
  ['coaching/feedback.csv', ['FeedbackId', 'GivenAt', 'GiverId', 'ReceiverId', 'Rating', 'Channel']],
  ['lms/identity-map.csv', ['AccountName', 'UserEmail']],
];

const ID_PREFIX: [string, string][] = [
  ['crm/User.csv', '005'],
  ['crm/Account.csv', '001'],
  ['crm/Opportunity.csv', '006'],
  ['crm/OpportunityHistory.csv', '008'],
  ['crm/OpportunityLineItem.csv', '00k'],
  ['crm/Product2.csv', '01t'],
  ['crm/Lead.csv', '00Q'],
  ['crm/Task.csv', '00T'],
  ['crm/Event.csv', '00U'],
  ['crm/Case.csv', '500'],
  ['crm/Contract.csv', '800'],
  ['crm/ForecastingQuota.csv', '0J9'],
];

describe('writeDemoDrop: files', () => {
  it('writes exactly the files of the Salesforce layout, the surveys, coaching and LMS files', () => {
    expect(drop.paths.sort()).toEqual([...CONTRACT.map(([path]) => path), 'lms/statements.jsonl'].sort());
  });

  it.each(CONTRACT)('%s has its required columns and rows', (path, required) => {
    const { header, rows } = drop.csv(path);
    expect(header).toEqual(expect.arrayContaining(required));
    expect(rows.length).toBeGreaterThan(0);
    expect(drop.counts[path]).toBe(rows.length);
  });

  it.each(ID_PREFIX)('%s carries IsDeleted, SystemModstamp and unique 18-character ids starting %s', (path, prefix) => {
    const { header, rows } = drop.csv(path);
    expect(header).toEqual(expect.arrayContaining(['IsDeleted', 'SystemModstamp']));
    const ids = rows.map((r) => r[header.indexOf('Id')]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(new RegExp(`^${prefix}Hs\\d{10}[A-Z0-5]{3}$`));
  });

  it('writes booleans as true/false, datetimes as ISO UTC with milliseconds and plain decimal numbers', () => {
    const opportunities = drop.records('crm/Opportunity.csv');
    for (const o of opportunities) {
      expect(o.IsClosed).toMatch(/^(true|false)$/);
      expect(o.CreatedDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
      expect(o.CloseDate).toMatch(/^\d{4}-\d\d-\d\d$/);
      expect(o.Amount).toMatch(/^\d+(\.\d{1,2})?$/);
    }
  });

  it('ends lines with \\n and quotes fields holding commas, quotes and line breaks (RFC 4180)', () => {
    const text = drop.text('crm/Account.csv');
    expect(text).not.toContain('\r');
    const names = drop.records('crm/Account.csv').map((a) => a.Name);
    expect(names.some((n) => n?.includes(','))).toBe(true);
    expect(names.some((n) => n?.includes('"'))).toBe(true);
    expect(text).toMatch(/,"[^",\n]*""[^"\n]*"" [^\n]*",/);
    expect(drop.records('crm/Account.csv').some((a) => a.BillingStreet?.includes('\n'))).toBe(true);
  });

  it('reports the rows it wrote for every file', () => {
    expect(Object.keys(drop.counts).sort()).toEqual(drop.paths.sort());
    expect(drop.counts['lms/statements.jsonl']).toBe(drop.text('lms/statements.jsonl').split('\n').filter(Boolean).length);
  });
});

describe('writeDemoDrop: determinism', () => {
  it('gives byte-identical files for the same asOf, seed and scale', async () => {
    const again = await generateDrop(OPTIONS);
    for (const path of drop.paths) expect(again.hash(path), path).toBe(drop.hash(path));
  });

  it('gives another organisation for another seed', async () => {
    const [one, other] = await Promise.all([generateDrop({ ...OPTIONS, scale: 0.1 }), generateDrop({ ...OPTIONS, scale: 0.1, seed: 8 })]);
    for (const path of ['crm/User.csv', 'crm/Account.csv', 'crm/Opportunity.csv', 'lms/statements.jsonl']) expect(other.hash(path), path).not.toBe(one.hash(path));
  });
});

describe('writeDemoDrop: dates', () => {
  const asOfEnd = Date.parse(`${AS_OF}T23:59:59.999Z`);
  const utcDay = (value: string) => new Date(Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value)).toISOString().slice(0, 10);
  // Planned dates look forward, as in any real export: the close date of an
  // open deal, a contract's end (and a draft's start), next months' quotas.
  const planned = (path: string, column: string, r: Record<string, string>) =>
    (path === 'crm/Opportunity.csv' && column === 'CloseDate' && r.IsClosed === 'false') ||
    (path === 'crm/OpportunityHistory.csv' && column === 'CloseDate' && !r.StageName?.startsWith('Closed')) ||
    (path === 'crm/Contract.csv' && (column === 'EndDate' || (column === 'StartDate' && r.Status === 'Draft'))) ||
    (path === 'crm/ForecastingQuota.csv' && column === 'StartDate');

  it('dates nothing that happened after asOf', () => {
    const dated = /(Date|DateTime|Modstamp|SubmittedAt|GivenAt)$/;
    let checked = 0;
    for (const path of drop.paths.filter((p) => p.endsWith('.csv'))) {
      const { header } = drop.csv(path);
      for (const r of drop.records(path)) {
        for (const column of header) {
          const value = r[column];
          if (!dated.test(column) || !value || planned(path, column, r)) continue;
          checked++;
          if (utcDay(value) > AS_OF) throw new Error(`${path} ${r.Id ?? ''} ${column} = ${value} is after ${AS_OF}`);
        }
      }
    }
    for (const line of drop.text('lms/statements.jsonl').split('\n').filter(Boolean)) {
      const s = JSON.parse(line) as { timestamp: string; stored: string };
      expect(Date.parse(s.timestamp)).toBeLessThanOrEqual(asOfEnd);
      expect(Date.parse(s.stored)).toBeLessThanOrEqual(asOfEnd);
      checked++;
    }
    expect(checked).toBeGreaterThan(100_000);
  });

  it('keeps planned dates plausible: closed deals closed by asOf, quotas at most two months ahead', () => {
    for (const o of drop.records('crm/Opportunity.csv')) if (o.IsClosed === 'true') expect((o.CloseDate ?? '') <= AS_OF).toBe(true);
    const starts = drop.records('crm/ForecastingQuota.csv').map((q) => q.StartDate ?? '');
    expect(starts.every((s) => s.endsWith('-01'))).toBe(true);
    expect(starts.reduce((a, b) => (a > b ? a : b))).toBe('2026-07-01');
  });

  it('spans 18 months of history', () => {
    const created = drop.records('crm/Opportunity.csv').map((o) => o.CreatedDate ?? '').filter((d) => d >= '2024-11-20');
    const months = new Set(created.map((d) => d.slice(0, 7)));
    expect(months.size).toBe(19); // 2024-11 … 2026-05
  });
});

describe('writeDemoDrop: scale', () => {
  it('doubles the organisation and its records at scale 2', async () => {
    const double = await generateDrop({ ...OPTIONS, scale: 2 });
    for (const path of drop.paths) {
      if (path === 'crm/Product2.csv') continue;
      const ratio = (double.counts[path] ?? 0) / (drop.counts[path] ?? 1);
      expect(ratio, path).toBeGreaterThan(1.6);
      expect(ratio, path).toBeLessThan(2.4);
    }
    // The first unit is the same organisation whatever the scale.
    expect(double.text('crm/User.csv').startsWith(drop.text('crm/User.csv'))).toBe(true);
  });

  it('thins the records of one organisation below scale 1', async () => {
    const small = await generateDrop({ ...OPTIONS, scale: 0.1 });
    expect(small.counts['crm/User.csv']).toBe(drop.counts['crm/User.csv']);
    const ratio = (small.counts['crm/Opportunity.csv'] ?? 0) / (drop.counts['crm/Opportunity.csv'] ?? 1);
    expect(ratio).toBeGreaterThan(0.05);
    expect(ratio).toBeLessThan(0.2);
  });

  it.each([
    [{ asOf: '2026-02-30', seed: 1, scale: 1 }, /asOf/],
    [{ asOf: '2026-02-01', seed: 1, scale: 0 }, /scale/],
    [{ asOf: '2026-02-01', seed: 1, scale: 1000 }, /scale/],
    [{ asOf: '2026-02-01', seed: 1.5, scale: 1 }, /seed/],
  ])('rejects bad options %j', async (options, message) => {
    await expect(generateDrop(options)).rejects.toThrow(message);
  });
});
