import { describe, expect, it } from 'vitest';
import { AsOfError, parseAsOf } from '../../functions/as-of.ts';
import { UsageError } from '../../functions/errors.ts';

describe('parseAsOf', () => {
  it.each(['2026-11-26', '2028-02-29', '2026-12-31'])('accepts the real day %s', (asOf) => {
    expect(parseAsOf(asOf)).toBe(asOf);
  });

  it.each([
    '2026-02-30', '2027-02-29', '2026-13-01', '26-01-01', '2026-1-1', '', '2026-11-26/../x', "2026-11-26' OR 1=1",
    undefined, null, 20261126, { asOf: '2026-11-26' },
  ])('rejects %j with a usage error naming what was wrong', (asOf) => {
    expect(() => parseAsOf(asOf, '--as-of')).toThrow(AsOfError);
    expect(() => parseAsOf(asOf, '--as-of')).toThrow(UsageError);
    expect(() => parseAsOf(asOf, '--as-of')).toThrow(/^--as-of must be a date written YYYY-MM-DD, not /);
  });
});
