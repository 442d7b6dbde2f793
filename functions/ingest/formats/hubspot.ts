import { tableByName } from '../../lake/raw-tables.ts';
import { convertValue } from '../values.ts';
import type { ColumnMapping, CsvMapping, MappingContext } from './csv-mapping.ts';

/**
 * HubSpot CSV exports mapped onto the canonical tables, declaratively: per
 * canonical column, the headers HubSpot writes for it (the display name
 * first, then the internal property name of the "internal names" export
 * variant), and how the value is read when it is not the column's plain
 * type. Nothing downstream of ingest knows which CRM a record came from.
 *
 * - owners.csv   → users      (owners have no manager in HubSpot: teams come from elsewhere)
 * - companies.csv → accounts
 * - deals.csv    → opportunities (no history, so no point-in-time pipeline)
 * - contacts.csv → leads
 *
 * Owners appear in the display-name export as "First Last": they are
 * resolved to owner ids through hubspot/owners.csv of the same drop (by id,
 * name or e-mail, ignoring case); the internal-name export holds ids.
 */
type Reader = 'owner' | 'firstId' | 'stage' | 'probability' | 'email' | 'lifecycle';

interface Field {
  headers: readonly string[];
  required?: boolean;
  read?: Reader;
  append?: readonly string[];
  fallback?: string;
}

interface HubSpotFile {
  table: string;
  columns: Readonly<Record<string, Field>>;
  /** canonical columns computed from others after reading */
  derive?: (get: (column: string) => string, set: (column: string, value: string) => void, ctx: MappingContext) => void;
}

const RECORD_ID: Field = { headers: ['Record ID', 'hs_object_id', 'ID'], required: true };
const MODIFIED: Field = { headers: ['Last Modified Date', 'hs_lastmodifieddate', 'lastmodifieddate'] };

const LIFECYCLE_CONVERTED = new Set(['opportunity', 'customer', 'evangelist']);

export const HUBSPOT_FILES: Readonly<Record<string, HubSpotFile>> = {
  owners: {
    table: 'users',
    columns: {
      id: { headers: ['Owner ID', 'id', 'ownerId', 'hubspot_owner_id'], required: true },
      email: { headers: ['Email', 'email'], required: true, read: 'email' },
      name: { headers: ['First Name', 'firstName', 'firstname'], append: ['Last Name', 'lastName', 'lastname'] },
      is_active: { headers: ['Active', 'active'], fallback: 'true' },
      title: { headers: ['Job Title', 'jobtitle'] },
    },
  },
  companies: {
    table: 'accounts',
    columns: {
      id: RECORD_ID,
      name: { headers: ['Company name', 'name'], required: true },
      owner_id: { headers: ['Company owner', 'hubspot_owner_id'], required: true, read: 'owner' },
      billing_country: { headers: ['Country/Region', 'country'] },
      billing_state: { headers: ['State/Region', 'state'] },
      billing_city: { headers: ['City', 'city'] },
      industry: { headers: ['Industry', 'industry'] },
      system_modstamp: MODIFIED,
    },
  },
  deals: {
    table: 'opportunities',
    columns: {
      id: RECORD_ID,
      name: { headers: ['Deal Name', 'dealname'] },
      account_id: {
        headers: ['Associated Company IDs', 'Associated Company ID', 'associatedcompanyid', 'associations.company'],
        required: true,
        read: 'firstId',
      },
      owner_id: { headers: ['Deal owner', 'hubspot_owner_id'], required: true, read: 'owner' },
      amount: { headers: ['Amount', 'amount'], required: true },
      stage_name: { headers: ['Deal Stage', 'dealstage'], required: true, read: 'stage' },
      is_closed: { headers: ['Is Closed', 'hs_is_closed', 'Is closed'] },
      is_won: { headers: ['Is Closed Won', 'hs_is_closed_won'] },
      close_date: { headers: ['Close Date', 'closedate'], required: true },
      created_date: { headers: ['Create Date', 'createdate'], required: true },
      type: { headers: ['Deal Type', 'dealtype'] },
      probability: { headers: ['Deal probability', 'hs_deal_stage_probability'], read: 'probability' },
      forecast_category_name: { headers: ['Forecast category', 'hs_forecast_category'] },
      system_modstamp: MODIFIED,
    },
    derive: (get, set, ctx) => {
      const stage = get('stage_name').toLowerCase();
      const closedStages = new Set(['closed won', 'closed lost', ...ctx.closedStages.map((s) => s.toLowerCase())]);
      if (get('is_won') === '') set('is_won', stage === 'closed won' ? 'true' : 'false');
      if (get('is_closed') === '') set('is_closed', get('is_won') === 'true' || closedStages.has(stage) ? 'true' : 'false');
    },
  },
  contacts: {
    table: 'leads',
    columns: {
      id: RECORD_ID,
      owner_id: { headers: ['Contact owner', 'hubspot_owner_id'], required: true, read: 'owner' },
      status: { headers: ['Lead Status', 'hs_lead_status'], required: true },
      created_date: { headers: ['Create Date', 'createdate'], required: true },
      is_converted: { headers: ['Lifecycle Stage', 'lifecyclestage'], required: true, read: 'lifecycle' },
      converted_date: {
        headers: ['Became an Opportunity Date', 'hs_lifecyclestage_opportunity_date', 'Became a Customer Date', 'hs_lifecyclestage_customer_date'],
      },
      converted_opportunity_id: { headers: ['Associated Deal IDs', 'associateddealid', 'associations.deal'], read: 'firstId' },
      converted_account_id: {
        headers: ['Associated Company IDs', 'Associated Company ID', 'associatedcompanyid', 'associations.company'],
        read: 'firstId',
      },
      lead_source: { headers: ['Original Source', 'hs_analytics_source'] },
      country: { headers: ['Country/Region', 'country'] },
      state: { headers: ['State/Region', 'state'] },
      system_modstamp: MODIFIED,
    },
  },
};

/** HubSpot's internal ids of its default deal stages and lifecycle stages, as people read them. */
const STAGE_NAMES: Readonly<Record<string, string>> = {
  closedwon: 'Closed Won',
  closedlost: 'Closed Lost',
  appointmentscheduled: 'Appointment Scheduled',
  qualifiedtobuy: 'Qualified To Buy',
  presentationscheduled: 'Presentation Scheduled',
  decisionmakerboughtin: 'Decision Maker Bought-In',
  contractsent: 'Contract Sent',
  salesqualifiedlead: 'Sales Qualified Lead',
  marketingqualifiedlead: 'Marketing Qualified Lead',
};

function reader(read: Reader, ctx: MappingContext): (text: string) => string | undefined {
  switch (read) {
    case 'owner':
      // an owner id of owners.csv, a name or e-mail it lists, or (internal export) a bare numeric id
      return (text) => {
        const value = text.trim();
        if (value === '') return '';
        return ctx.owners.get(value.toLowerCase()) ?? (/^\d+$/.test(value) ? value : undefined);
      };
    case 'firstId':
      // HubSpot lists several associations separated by ";"
      return (text) => text.split(';').map((v) => v.trim()).find((v) => v !== '') ?? '';
    case 'stage':
      return (text) => {
        const value = text.trim();
        return STAGE_NAMES[value] ?? value;
      };
    case 'probability':
      // HubSpot stores 0..1; the canonical probability is a percentage
      return (text) => {
        const value = convertValue('double', text);
        return value ? String(Math.round(Number(value) * 100 * 1e6) / 1e6) : value;
      };
    case 'email':
      return (text) => text.trim().toLowerCase();
    case 'lifecycle':
      // a contact has converted once its lifecycle stage reached opportunity or beyond
      return (text) => {
        const stage = text.toLowerCase().replace(/\s+/g, '');
        return stage === '' ? '' : String(LIFECYCLE_CONVERTED.has(stage));
      };
  }
}

const EXPECTED: Partial<Record<Reader, string>> = {
  owner: 'not an owner listed in hubspot/owners.csv (send owners.csv in the same drop)',
  probability: 'not a plain number (expected 0..1)',
};

/**
 * The mapping of `hubspot/<name>.csv` for one drop (owners resolved through
 * `ctx.owners`).
 *
 * @example
 * hubspotMapping('deals', { owners: new Map([['ann lee', '41000001']]), closedStages: [] }).table.name; // 'opportunities'
 */
export function hubspotMapping(name: string, ctx: MappingContext): CsvMapping {
  const spec = HUBSPOT_FILES[name];
  if (!spec) throw new Error(`not a HubSpot file of the contract: ${name}`);
  const table = tableByName(spec.table);
  const columns: ColumnMapping[] = table.columns.map((column) => {
    const field = spec.columns[column.name];
    if (!field) return { column, headers: [], required: false };
    return {
      column,
      headers: field.headers,
      required: field.required ?? false,
      append: field.append,
      fallback: field.fallback,
      ...(field.read ? { convert: reader(field.read, ctx), expected: EXPECTED[field.read] } : {}),
    };
  });
  const at = new Map(table.columns.map((c, i) => [c.name, i]));
  const derive = spec.derive;
  if (!derive) return { table, columns };
  return {
    table,
    columns,
    derive: (values) =>
      derive(
        (column) => values[at.get(column) ?? -1] ?? '',
        (column, value) => {
          const i = at.get(column);
          if (i !== undefined) values[i] = value;
        },
        ctx,
      ),
  };
}

/** Header aliases of owners.csv, for building the owner directory before the other files. */
export const OWNER_HEADERS = {
  id: HUBSPOT_FILES.owners!.columns.id!.headers,
  email: HUBSPOT_FILES.owners!.columns.email!.headers,
  first: HUBSPOT_FILES.owners!.columns.name!.headers,
  last: HUBSPOT_FILES.owners!.columns.name!.append ?? [],
};
