import { FileRejectedError } from './errors.ts';
import { LIMITS } from './limits.ts';

/** A file whose bad rows pass the documented share: rejected whole, its first bad rows kept as samples. */
export class TooManyBadRowsError extends FileRejectedError {
  override name = 'TooManyBadRowsError';
}

/**
 * Rejects a file of at least `LIMITS.badShareMinRecords` records when more
 * than `LIMITS.badShare` of them are bad: such a file is a broken export
 * (a wrong delimiter, encoding or date format), and loading its remaining
 * rows, or quarantining millions, helps nobody. Smaller files keep the
 * row-by-row outcome.
 *
 * @example
 * checkBadShare(10_000, 2_500); // throws: more than 20 % of rows are bad
 * checkBadShare(999, 999);      // fine: too small to judge as a whole
 */
export function checkBadShare(read: number, bad: number): void {
  if (read < LIMITS.badShareMinRecords || bad <= read * LIMITS.badShare) return;
  const percent = Math.round(LIMITS.badShare * 100);
  throw new TooManyBadRowsError(
    `more than ${percent} % of rows are bad (${bad} of ${read}): check the export settings`,
    'the samples show the first bad rows; fix the export (delimiter, encoding, date and number formats; README "Your exports") and send the file again',
  );
}
