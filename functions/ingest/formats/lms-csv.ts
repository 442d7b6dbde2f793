import { tableByName } from '../../lake/raw-tables.ts';
import { sourceMapping, type CsvMapping } from './csv-mapping.ts';

/** E-mail addresses are matched ignoring case: store them lower-cased. */
const lowerEmail = (text: string): string => text.trim().toLowerCase();

function withLowerEmail(mapping: CsvMapping): CsvMapping {
  return {
    ...mapping,
    columns: mapping.columns.map((c) => (c.column.name === 'user_email' ? { ...c, convert: lowerEmail } : c)),
  };
}

/**
 * `lms/enrollments.csv` (one row per learner and course) and
 * `lms/assessments.csv` (one row per assessment taken): the CSV layout of
 * the LMS. The canonical view `lms_statements` turns them into statements.
 *
 * @example
 * lmsCsvMapping('enrollments').table.keys; // ['user_email', 'course_id']
 */
export function lmsCsvMapping(report: 'enrollments' | 'assessments'): CsvMapping {
  return withLowerEmail(sourceMapping(tableByName(`lms_${report}`)));
}

/** `lms/identity-map.csv`: `AccountName, UserEmail` for xAPI actors identified by account. */
export function identityMapMapping(): CsvMapping {
  return withLowerEmail(sourceMapping(tableByName('lms_identities')));
}
