import { describe, expect, it } from 'vitest';
import { NotifyError } from '../../../functions/notify/errors.ts';
import { asOfFromEvent } from '../../../functions/notify/handler.ts';

describe('asOfFromEvent', () => {
  it('takes asOf from the Step Functions input', () => {
    expect(asOfFromEvent({ asOf: '2026-11-26', other: 1 })).toBe('2026-11-26');
  });

  it.each([[{}], [{ asOf: '26/11/2026' }], [{ asOf: "2026-11-26' OR 1=1" }], [null], ['2026-11-26']])(
    'rejects %j with a NotifyError saying the expected shape',
    (event) => {
      expect(() => asOfFromEvent(event)).toThrow(NotifyError);
      expect(() => asOfFromEvent(event)).toThrow(/\{ "asOf": "YYYY-MM-DD" \}/);
    },
  );
});
