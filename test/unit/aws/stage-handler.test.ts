import { describe, expect, it } from 'vitest';
import { AsOfError } from '../../../functions/as-of.ts';
import { asOfFromEvent } from '../../../functions/aws/stage-handler.ts';

describe('asOfFromEvent', () => {
  it('takes asOf from the Step Functions input', () => {
    expect(asOfFromEvent({ asOf: '2026-11-26', other: 1 })).toBe('2026-11-26');
  });

  it.each([[{}], [{ asOf: 20261126 }], [{ asOf: '26/11/2026' }], [{ asOf: '2026-02-30' }], [{ asOf: "2026-11-26' OR 1=1" }], [null], ['2026-11-26']])(
    'rejects %j with a message naming the input field',
    (event) => {
      expect(() => asOfFromEvent(event)).toThrow(AsOfError);
      expect(() => asOfFromEvent(event)).toThrow(/"asOf" of the Step Functions input must be a date written YYYY-MM-DD/);
    },
  );
});
