/**
 * The canonical tables every export is typed into. One definition, used by
 * ingest (to type and validate rows), by the canonical views in `sql/` and by
 * the Glue catalog: column names are snake_case because Athena lower-cases
 * identifiers anyway. Each drop's rows are in
 * `raw/<table>/drop=<drop>/part-0.parquet` with these columns plus
 * `drop_id` and `source_line`; the views of `sql/canonical/<table>.sql`
 * (same names, same columns) hold the current state.
 *
 * @example
 * const t = tableByName('opportunities'); // t.columns[0].name === 'id'
 */
export type ColumnType = 'varchar' | 'boolean' | 'double' | 'date' | 'timestamp';

export interface Column {
  /** canonical (snake_case) name */
  name: string;
  /** header in the Salesforce-layout (or survey, LMS CSV) export, matched case-insensitively */
  source: string;
  type: ColumnType;
  /** must be present in the file's header */
  required: boolean;
}

export interface Table {
  /** canonical table name, e.g. `opportunities` */
  name: string;
  /** the columns whose values identify a record (never empty): one, or two for an LMS enrollment */
  keys: readonly string[];
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
  keys: ['id'],
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
    keys: ['response_id'],
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
    keys: ['feedback_id'],
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
    // xAPI statements, one row per statement as delivered (voids included).
    // The canonical view `lms_statements` dedupes them, applies voids,
    // resolves `actor_account` through `lms_identities`, and adds one row per
    // event of the LMS CSV reports, so KPI SQL reads one table whichever
    // layout the LMS exported.
    name: 'lms_statements',
    keys: ['id'],
    crm: false,
    columns: [
      col('id', 'varchar', true),
      col('timestamp', 'timestamp', true),
      /** lower-cased e-mail of the learner: from `mbox`, or an `account.name` that is an e-mail */
      col('actor_email', 'varchar', false),
      /** `verb.id` shortened to `registered`, `completed`, `passed`, `failed`, `scored` or `voided` for ADL verbs; other verbs keep their full IRI */
      col('verb', 'varchar', true),
      /** course or assessment IRI; for `voided`, the id of the cancelled statement */
      col('object_id', 'varchar', true),
      col('object_name', 'varchar', false),
      col('due_date', 'date', false),
      col('skill', 'varchar', false),
      col('score_scaled', 'double', false),
      col('score_raw', 'double', false),
      col('score_min', 'double', false),
      col('score_max', 'double', false),
      /** `account.name` of an actor identified by account and not by an e-mail (matched via lms/identity-map.csv) */
      col('actor_account', 'varchar', false),
    ],
  },
  {
    // lms/enrollments.csv: one row per (learner, course) assignment.
    name: 'lms_enrollments',
    keys: ['user_email', 'course_id'],
    crm: false,
    columns: [
      ...['UserEmail', 'CourseId', 'CourseName'].map(req('varchar')),
      ...['AssignedDate', 'DueDate', 'CompletedDate'].map(req('date')),
    ],
  },
  {
    // lms/assessments.csv: one row per assessment taken.
    name: 'lms_assessments',
    keys: ['assessment_id'],
    crm: false,
    columns: [
      ...['UserEmail', 'AssessmentId', 'Skill'].map(req('varchar')),
      ...['Score', 'MaxScore'].map(req('double')),
      req('timestamp')('TakenAt'),
    ],
  },
  {
    // lms/identity-map.csv: xAPI account names that are not e-mail addresses.
    name: 'lms_identities',
    keys: ['account_name'],
    crm: false,
    columns: [...['AccountName', 'UserEmail'].map(req('varchar'))],
  },
];

export function tableByName(name: string): Table {
  const table = TABLES.find((t) => t.name === name);
  if (!table) throw new Error(`unknown canonical table ${name}`);
  return table;
}
