import { describe, expect, it } from 'vitest';
import { checkDropId } from '../../../functions/ingest/drop-id.ts';
import { IngestError } from '../../../functions/ingest/errors.ts';

describe('checkDropId', () => {
  it.each(['2026-11-26', '2026-11-26T0200Z', 'demo_1', 'a.b'])('accepts %s', (id) => {
    expect(checkDropId(id)).toBe(id);
  });

  it.each(['', '..', '../etc', 'a/b', 'a..b', '.hidden', 'white space', 'ä'])('refuses %j', (id) => {
    expect(() => checkDropId(id)).toThrow(IngestError);
  });
});
