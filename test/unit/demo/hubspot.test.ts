import { beforeAll, describe, expect, it } from 'vitest';
import { generateDrop, type Drop } from './drop-reader.ts';

let drop: Drop;
beforeAll(async () => {
  drop = await generateDrop({ asOf: '2026-04-10', seed: 5, scale: 0.3, crm: 'hubspot' });
});

describe('writeDemoDrop with crm: hubspot', () => {
  it('writes the HubSpot files instead of crm/, plus the surveys, coaching and LMS files', () => {
    expect(drop.paths.sort()).toEqual(
      [
        'coaching/feedback.csv',
        'hubspot/companies.csv',
        'hubspot/contacts.csv',
        'hubspot/deals.csv',
        'hubspot/owners.csv',
        'lms/identity-map.csv',
        'lms/statements.jsonl',
        'surveys/csat.csv',
      ].sort(),
    );
  });

  it.each([
    ['hubspot/owners.csv', ['Owner ID', 'Email', 'First Name', 'Last Name']],
    ['hubspot/companies.csv', ['Record ID', 'Company name', 'Company owner', 'Country/Region', 'State/Region', 'City']],
    ['hubspot/deals.csv', ['Record ID', 'Deal Name', 'Deal Stage', 'Amount', 'Close Date', 'Create Date', 'Deal owner', 'Associated Company IDs', 'Pipeline', 'Is Closed Won']],
    ['hubspot/contacts.csv', ['Record ID', 'First Name', 'Last Name', 'Email', 'Contact owner', 'Associated Company IDs', 'Lifecycle Stage', 'Lead Status']],
  ])('%s has display-name headers', (path, columns) => {
    expect(drop.csv(path).header).toEqual(expect.arrayContaining(columns));
    expect(drop.csv(path).rows.length).toBeGreaterThan(0);
  });

  it('names owners that owners.csv resolves, and links deals to companies', () => {
    const owners = drop.records('hubspot/owners.csv');
    const ownerNames = new Set(owners.map((o) => `${o['First Name']} ${o['Last Name']}`));
    expect(ownerNames.size).toBe(owners.length);
    const companies = new Set(drop.records('hubspot/companies.csv').map((c) => c['Record ID']));
    for (const deal of drop.records('hubspot/deals.csv')) {
      expect(ownerNames.has(deal['Deal owner'] ?? '')).toBe(true);
      expect(companies.has(deal['Associated Company IDs'])).toBe(true);
      expect(deal['Record ID']).toMatch(/^\d+$/);
      expect(deal['Create Date']).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      expect(deal['Is Closed Won']).toBe(String(deal['Deal Stage'] === 'Closed Won'));
    }
  });

  it('refers to HubSpot ids from the CSAT and coaching files', () => {
    const companies = new Set(drop.records('hubspot/companies.csv').map((c) => c['Record ID']));
    const owners = new Set(drop.records('hubspot/owners.csv').map((o) => o['Owner ID']));
    for (const r of drop.records('surveys/csat.csv')) expect(companies.has(r.AccountId)).toBe(true);
    for (const f of drop.records('coaching/feedback.csv')) expect(owners.has(f.GiverId) && owners.has(f.ReceiverId)).toBe(true);
  });
});
