import { UsageError } from './errors.ts';

/**
 * The business date a run is for, `YYYY-MM-DD` (a real calendar day). It
 * names every version: lake partitions, site folders, e-mails.
 */
export type AsOf = string;

/**
 * An as-of date that is not a real `YYYY-MM-DD` day, wherever it came from
 * (command line, Lambda event, a caller). A usage error: the CLI exits 2.
 */
export class AsOfError extends UsageError {
  override name = 'AsOfError';
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The one check of an as-of date: returns it when it is a real day written
 * `YYYY-MM-DD`, else throws {@link AsOfError} naming `what` (e.g. `--as-of`).
 *
 * @example
 * parseAsOf('2026-11-26'); // '2026-11-26'
 * parseAsOf('2026-02-30', '--as-of'); // throws: --as-of must be a date written YYYY-MM-DD, not "2026-02-30"
 */
export function parseAsOf(value: unknown, what = 'the as-of date'): AsOf {
  const text = typeof value === 'string' ? value : undefined;
  const parsed = new Date(`${text}T00:00:00Z`);
  if (text === undefined || !DATE.test(text) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== text) {
    throw new AsOfError(`${what} must be a date written YYYY-MM-DD, not ${JSON.stringify(value) ?? 'nothing'}`);
  }
  return text;
}
