import { IngestError } from './errors.ts';

const DROP_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * Checks a drop id: it becomes part of lake keys (`landing/<drop>/`), so
 * only letters, digits, `.`, `_` and `-`, no `..`. Current state breaks ties
 * by the greater drop id compared as strings, so ids should sort in the
 * order the drops were exported: `2026-11-26`, or `2026-11-26T0200Z` for
 * several a day.
 *
 * @example
 * checkDropId('2026-11-26T0200Z'); // '2026-11-26T0200Z'
 * checkDropId('../etc');           // throws IngestError
 */
export function checkDropId(dropId: string): string {
  if (!DROP_ID.test(dropId) || dropId.includes('..')) {
    throw new IngestError(
      `"${dropId}" is not a valid drop id`,
      'use letters, digits, ".", "_" and "-" only, in an order that sorts chronologically, e.g. 2026-11-26 or 2026-11-26T0200Z',
    );
  }
  return dropId;
}
