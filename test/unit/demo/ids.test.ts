import { describe, expect, it } from 'vitest';
import { salesforceId, withSuffix } from '../../../functions/demo/ids.ts';

describe('ids', () => {
  it('computes the Salesforce case-safety suffix', () => {
    // Salesforce's documented example: 0015000000VALDt → 0015000000VALDtAAP
    expect(withSuffix('0015000000VALDt')).toBe('0015000000VALDtAAP');
  });

  it('makes 18-character ids with the key prefix', () => {
    expect(salesforceId('006', 1)).toBe('006Hs0000000001IAA');
    expect(salesforceId('0J9', 42)).toMatch(/^0J9Hs0000000042[A-Z0-5]{3}$/);
  });

  it('refuses numbers that do not fit', () => {
    expect(() => salesforceId('006', 1e10)).toThrow(RangeError);
    expect(() => salesforceId('006', -1)).toThrow(RangeError);
  });
});
