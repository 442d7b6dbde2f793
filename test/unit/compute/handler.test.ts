import { describe, expect, it } from 'vitest';
import { ComputeError } from '../../../functions/compute/errors.ts';
import { computeEventAsOf } from '../../../functions/compute/handler.ts';

describe('computeEventAsOf', () => {
  it('takes the as-of date of the Step Functions input', () => {
    expect(computeEventAsOf({ asOf: '2026-11-26', extra: true })).toBe('2026-11-26');
  });

  it.each([[{}], [{ asOf: 20261126 }], [{ asOf: '26-11-2026' }], [null], ['2026-11-26']])(
    'refuses %j',
    (event) => {
      expect(() => computeEventAsOf(event)).toThrow(ComputeError);
    },
  );
});
