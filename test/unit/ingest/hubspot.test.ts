import { describe, expect, it } from 'vitest';
import type { CsvMapping } from '../../../functions/ingest/formats/csv-mapping.ts';
import { hubspotMapping } from '../../../functions/ingest/formats/hubspot.ts';
import { convertValue } from '../../../functions/ingest/values.ts';

const owners = new Map([
  ['41000001', '41000001'],
  ['ann lee', '41000001'],
  ['ann@example.com', '41000001'],
]);
const ctx = { owners, closedStages: ['Closed Won', 'Closed Lost'] };

/** Applies a mapping to one record the way csv-file.ts does: headers matched ignoring case. */
function mapRow(mapping: CsvMapping, header: string[], fields: string[]): Record<string, string | undefined> {
  const at = (names: readonly string[]) => header.findIndex((h) => names.some((n) => n.toLowerCase() === h.toLowerCase()));
  const values = mapping.columns.map((m) => {
    const i = at(m.headers);
    if (i < 0) return m.fallback ?? '';
    const extra = (m.append ?? []).map((h) => fields[at([h])] ?? '').filter(Boolean);
    const text = [fields[i] ?? '', ...extra].filter(Boolean).join(' ');
    return (m.convert ?? ((t: string) => convertValue(m.column.type, t)))(text) as string;
  });
  mapping.derive?.(values);
  return Object.fromEntries(mapping.columns.map((m, i) => [m.column.name, values[i]]));
}

describe('HubSpot mapping', () => {
  it.each([
    [
      'display names',
      ['Record ID', 'Deal Name', 'Deal Stage', 'Amount', 'Close Date', 'Create Date', 'Deal owner', 'Associated Company IDs', 'Is Closed Won', 'Last Modified Date'],
      ['9001', 'Big deal', 'Closed Won', '1200.5', '2026-03-01', '2026-01-02 10:00:00', 'Ann Lee', '5001;5002', 'true', '2026-03-02 00:00:00'],
    ],
    [
      'internal names',
      ['hs_object_id', 'dealname', 'dealstage', 'amount', 'closedate', 'createdate', 'hubspot_owner_id', 'associatedcompanyid', 'hs_lastmodifieddate'],
      ['9001', 'Big deal', 'closedwon', '1200.5', '2026-03-01T00:00:00Z', '2026-01-02T10:00:00Z', '41000001', '5001', '2026-03-02T00:00:00Z'],
    ],
  ])('maps a deal exported with %s onto opportunities', (_variant, header, fields) => {
    const row = mapRow(hubspotMapping('deals', ctx), header, fields);

    expect(row).toMatchObject({
      id: '9001',
      name: 'Big deal',
      stage_name: 'Closed Won',
      amount: '1200.5',
      close_date: '2026-03-01',
      owner_id: '41000001',
      account_id: '5001',
      is_won: 'true',
      is_closed: 'true',
    });
    expect(row.created_date?.startsWith('2026-01-02')).toBe(true);
  });

  it('derives an open deal from its stage, and quarantines an owner not in owners.csv', () => {
    const header = ['Record ID', 'Deal Stage', 'Amount', 'Close Date', 'Create Date', 'Deal owner', 'Associated Company IDs'];

    expect(mapRow(hubspotMapping('deals', ctx), header, ['1', 'Negotiation', '5', '2026-03-01', '2026-01-01', 'Ann Lee', '7'])).toMatchObject({
      is_won: 'false',
      is_closed: 'false',
    });
    expect(mapRow(hubspotMapping('deals', ctx), header, ['1', 'Negotiation', '5', '2026-03-01', '2026-01-01', 'Nobody Known', '7']).owner_id).toBeUndefined();
  });

  it('maps owners onto users with a full name and contacts onto leads with a conversion flag', () => {
    const user = mapRow(hubspotMapping('owners', ctx), ['Owner ID', 'Email', 'First Name', 'Last Name'], ['41000001', 'Ann@Example.com', 'Ann', 'Lee']);
    const lead = mapRow(
      hubspotMapping('contacts', ctx),
      ['Record ID', 'Contact owner', 'Lead Status', 'Create Date', 'Lifecycle Stage'],
      ['301', 'ann lee', 'Open Deal', '2026-01-01 00:00:00', 'Opportunity'],
    );

    expect(user).toMatchObject({ id: '41000001', email: 'ann@example.com', name: 'Ann Lee', is_active: 'true' });
    expect(lead).toMatchObject({ id: '301', owner_id: '41000001', status: 'Open Deal', is_converted: 'true' });
  });
});
