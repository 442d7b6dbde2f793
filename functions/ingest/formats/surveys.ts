import { tableByName } from '../../lake/raw-tables.ts';
import { sourceMapping, type CsvMapping, type ValueProblem } from './csv-mapping.ts';

/** A 1..5 rating column: in range, and whole when `whole`. */
function ratingCheck(table: string, source: string, whole: boolean): CsvMapping['check'] {
  const index = tableByName(table).columns.findIndex((c) => c.source === source);
  return (values): ValueProblem | undefined => {
    const text = values[index];
    if (text === undefined || text === '') return undefined;
    const value = Number(text);
    if (value < 1 || value > 5 || (whole && !Number.isInteger(value))) {
      return { column: source, reason: `${whole ? 'not a whole score' : 'not a rating'} in 1..5: ${text}` };
    }
    return undefined;
  };
}

/**
 * `surveys/csat.csv`: a Score must be a whole number 1..5.
 *
 * @example
 * csatMapping().check?.(['R1', '2026-01-01', '001', '7', '']); // { column: 'Score', reason: ... }
 */
export function csatMapping(): CsvMapping {
  return sourceMapping(tableByName('csat_responses'), ratingCheck('csat_responses', 'Score', true));
}

/** `coaching/feedback.csv`: a Rating must be a whole number 1..5 (the contract's integer). */
export function feedbackMapping(): CsvMapping {
  return sourceMapping(tableByName('coaching_feedback'), ratingCheck('coaching_feedback', 'Rating', true));
}
