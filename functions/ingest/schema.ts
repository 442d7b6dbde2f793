/**
 * The canonical tables every export is typed into. One definition, used by
 * ingest (to type and validate rows), by the canonical views in `sql/` and by
 * the Glue catalog: column names are snake_case because Athena lower-cases
 * identifiers anyway.
 *
 * @example
 * const t = tableByName('opportunities'); // t.columns[0].name === 'id'
 */
export type ColumnType = 'varchar' | 'boolean' | 'double' | 'date' | 'timestamp';

export interface Column {
  /** canonical (snake_case) name */
  name: string;
  /** header in the Salesforce-layout export, matched case-insensitively */
  source: string;
  type: ColumnType;
  /** must be present in the file's header */
  required: boolean;
}

export interface Table {
  /** canonical table name, e.g. `opportunities` */
  name: string;
  /** the column whose value identifies a record (never empty) */
  key: string;
  /** CRM objects carry IsDeleted and SystemModstamp */
  crm: boolean;
  columns: Column[];
}

const col = (source: string, type: ColumnType, required: boolean, name = snake(source)): Column => ({
  name,
  source,
  type,
  required,
});

/** `ConvertedOpportunityId` → `converted_opportunity_id`, `ARR__c` → `arr`. */
export function snake(source: string): string {
  return source
    .replace(/__c$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

const req = (type: ColumnType) => (source: string) => col(source, type, true);
const opt = (type: ColumnType) => (source: string) => col(source, type, false);

const crmTable = (name: string, columns: Column[]): Table => ({
  name,
  key: 'id',
  crm: true,
  columns: [
    ...columns,
    col('IsDeleted', 'boolean', false),
    col('SystemModstamp', 'timestamp', false),
  ],
});

export const TABLES: readonly Table[] = [
  crmTable('users', [
    ...['Id', 'Name', 'Email'].map(req('varchar')),
    req('boolean')('IsActive'),
    ...['ManagerId', 'Title', 'Country', 'State'].map(opt('varchar')),
  ]),
  crmTable('accounts', [
    ...['Id', 'Name', 'OwnerId'].map(req('varchar')),
    ...['BillingCountry', 'BillingState', 'BillingCity'].map(opt('varchar')),
    ...['BillingLatitude', 'BillingLongitude'].map(opt('double')),
    opt('varchar')('Industry'),
  ]),
  crmTable('opportunities', [
    ...['Id', 'AccountId', 'OwnerId'].map(req('varchar')),
    req('double')('Amount'),
    req('varchar')('StageName'),
    ...['IsClosed', 'IsWon'].map(req('boolean')),
    req('date')('CloseDate'),
    req('timestamp')('CreatedDate'),
    ...['Name', 'Type', 'LeadSource'].map(opt('varchar')),
    opt('double')('Probability'),
    opt('varchar')('ForecastCategoryName'),
  ]),
  crmTable('opportunity_history', [
    ...['Id', 'OpportunityId'].map(req('varchar')),
    req('timestamp')('CreatedDate'),
    req('varchar')('StageName'),
    req('double')('Amount'),
    req('date')('CloseDate'),
    req('double')('Probability'),
    opt('varchar')('ForecastCategory'),
  ]),
  crmTable('opportunity_line_items', [
    ...['Id', 'OpportunityId', 'Product2Id'].map(req('varchar')),
    ...['Quantity', 'UnitPrice', 'TotalPrice'].map(opt('double')),
  ]),
  crmTable('products', [
    ...['Id', 'Name', 'Family'].map(req('varchar')),
    opt('boolean')('IsActive'),
  ]),
  crmTable('leads', [
    ...['Id', 'OwnerId', 'Status'].map(req('varchar')),
    req('timestamp')('CreatedDate'),
    req('boolean')('IsConverted'),
    opt('date')('ConvertedDate'),
    // Lead.Rating is Salesforce's Hot/Warm/Cold picklist, not a number.
    ...['ConvertedOpportunityId', 'ConvertedAccountId', 'LeadSource', 'Rating', 'Country', 'State'].map(
      opt('varchar'),
    ),
  ]),
  crmTable('tasks', [
    ...['Id', 'OwnerId'].map(req('varchar')),
    req('date')('ActivityDate'),
    ...['AccountId', 'WhatId', 'Type', 'Subject', 'Status', 'TaskSubtype'].map(opt('varchar')),
  ]),
  crmTable('events', [
    ...['Id', 'OwnerId'].map(req('varchar')),
    req('date')('ActivityDate'),
    ...['AccountId', 'WhatId', 'Type', 'Subject'].map(opt('varchar')),
    ...['StartDateTime', 'EndDateTime'].map(opt('timestamp')),
    opt('varchar')('Location'),
  ]),
  crmTable('cases', [
    ...['Id', 'AccountId'].map(req('varchar')),
    req('timestamp')('CreatedDate'),
    req('boolean')('IsClosed'),
    opt('timestamp')('ClosedDate'),
    ...['Status', 'Priority', 'Origin', 'OwnerId'].map(opt('varchar')),
  ]),
  crmTable('contracts', [
    ...['Id', 'AccountId'].map(req('varchar')),
    ...['StartDate', 'EndDate'].map(req('date')),
    req('varchar')('Status'),
    ...['ContractTerm', 'ARR__c'].map(opt('double')),
  ]),
  crmTable('forecasting_quotas', [
    ...['Id', 'QuotaOwnerId'].map(req('varchar')),
    req('date')('StartDate'),
    req('double')('QuotaAmount'),
    opt('varchar')('PeriodId'),
  ]),
  {
    name: 'csat_responses',
    key: 'response_id',
    crm: false,
    columns: [
      req('varchar')('ResponseId'),
      req('timestamp')('SubmittedAt'),
      req('varchar')('AccountId'),
      req('double')('Score'),
      opt('varchar')('Comment'),
    ],
  },
  {
    name: 'coaching_feedback',
    key: 'feedback_id',
    crm: false,
    columns: [
      req('varchar')('FeedbackId'),
      req('timestamp')('GivenAt'),
      ...['GiverId', 'ReceiverId'].map(req('varchar')),
      req('double')('Rating'),
      opt('varchar')('Channel'),
    ],
  },
  {
    // xAPI statements and the LMS CSV reports both land here, one row per
    // learning event, already resolved to the learner's e-mail.
    name: 'lms_statements',
    key: 'id',
    crm: false,
    columns: [
      col('id', 'varchar', true),
      col('timestamp', 'timestamp', true),
      col('actor_email', 'varchar', false),
      /** last segment of the ADL verb IRI: registered, completed, passed, failed, scored, voided, ... */
      col('verb', 'varchar', true),
      col('object_id', 'varchar', true),
      col('object_name', 'varchar', false),
      col('due_date', 'date', false),
      col('skill', 'varchar', false),
      col('score_scaled', 'double', false),
      col('score_raw', 'double', false),
      col('score_min', 'double', false),
      col('score_max', 'double', false),
    ],
  },
];

export function tableByName(name: string): Table {
  const table = TABLES.find((t) => t.name === name);
  if (!table) throw new Error(`unknown canonical table ${name}`);
  return table;
}
