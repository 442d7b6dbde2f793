import type { CsvMapping, MappingContext } from './csv-mapping.ts';
import { HUBSPOT_FILES, hubspotMapping } from './hubspot.ts';
import { identityMapMapping, lmsCsvMapping } from './lms-csv.ts';
import { SALESFORCE_OBJECTS, salesforceMapping } from './salesforce.ts';
import { csatMapping, feedbackMapping } from './surveys.ts';

export type FileFormat =
  /** a mapping, or for files that depend on others of the drop (HubSpot owners) a mapping per drop */
  | { kind: 'csv'; mapping: CsvMapping | ((ctx: MappingContext) => CsvMapping) }
  /** xAPI statements, one JSON object a line */
  | { kind: 'xapi-lines' }
  /** an LRS export: `{"statements": [...]}` */
  | { kind: 'xapi-document' };

/** A file name of the contract, and how to read it. */
export interface KnownFile {
  /** path inside the drop, without `.gz`: `crm/User.csv` */
  name: string;
  /** the canonical table its rows go to */
  table: string;
  /**
   * `family/layout`, e.g. `lms/xapi` and `lms/csv`: a drop may use only one
   * layout of a family (the course ids of two LMS layouts are not
   * comparable), so files of two layouts of one family are all rejected, as
   * are two files of one table (`X.csv` and `X.csv.gz`).
   */
  layout: string;
  format: FileFormat;
}

const csv = (name: string, mapping: CsvMapping, layout: string): KnownFile => ({
  name,
  table: mapping.table.name,
  layout,
  format: { kind: 'csv', mapping },
});

/** Every file the contract recognises (exact, case-sensitive names; each may also end in `.gz`). */
export const KNOWN_FILES: readonly KnownFile[] = [
  ...Object.keys(SALESFORCE_OBJECTS).map((object) => csv(`crm/${object}.csv`, salesforceMapping(object), 'crm/salesforce')),
  ...Object.entries(HUBSPOT_FILES).map(
    ([name, spec]): KnownFile => ({
      name: `hubspot/${name}.csv`,
      table: spec.table,
      layout: 'crm/hubspot',
      format: { kind: 'csv', mapping: (ctx) => hubspotMapping(name, ctx) },
    }),
  ),
  csv('surveys/csat.csv', csatMapping(), 'surveys/csat'),
  csv('coaching/feedback.csv', feedbackMapping(), 'coaching/feedback'),
  { name: 'lms/statements.jsonl', table: 'lms_statements', layout: 'lms/xapi', format: { kind: 'xapi-lines' } },
  { name: 'lms/statements.json', table: 'lms_statements', layout: 'lms/xapi', format: { kind: 'xapi-document' } },
  csv('lms/identity-map.csv', identityMapMapping(), 'lms/xapi'),
  csv('lms/enrollments.csv', lmsCsvMapping('enrollments'), 'lms/csv'),
  csv('lms/assessments.csv', lmsCsvMapping('assessments'), 'lms/csv'),
];

const BY_NAME = new Map(KNOWN_FILES.map((f) => [f.name, f]));

/**
 * The contract's file for a path inside a drop (`crm/Case.csv.gz`), or
 * undefined when the name is not one of the contract's.
 *
 * @example
 * knownFile('crm/Case.csv.gz')?.table; // 'cases'
 * knownFile('crm/case.csv');          // undefined (names are case-sensitive)
 */
export function knownFile(path: string): KnownFile | undefined {
  return BY_NAME.get(path.endsWith('.gz') ? path.slice(0, -3) : path);
}
