import { describe, expect, it } from 'vitest';
import { csvField, csvRow, money } from '../../../functions/demo/csv.ts';

describe('csv', () => {
  it.each([
    ['plain', 'plain'],
    ['Siam "Smart" Solutions, Ltd.', '"Siam ""Smart"" Solutions, Ltd."'],
    ['Floor 12\n99 Silom Road', '"Floor 12\n99 Silom Road"'],
    ['บริษัท ไทยพัฒนา จำกัด', 'บริษัท ไทยพัฒนา จำกัด'],
    [null, ''],
    [undefined, ''],
    [true, 'true'],
    [false, 'false'],
    [1234.5, '1234.5'],
  ])('writes %j as %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('ends a row with \\n', () => {
    expect(csvRow(['a', 1, null, 'b,c'])).toBe('a,1,,"b,c"\n');
  });

  it('refuses numbers that are not plain decimals', () => {
    expect(() => csvField(Number.NaN)).toThrow(RangeError);
    expect(() => csvField(Infinity)).toThrow(RangeError);
  });

  it.each([
    [1_234_500, '12345'],
    [104_890, '1048.9'],
    [5, '0.05'],
    [0, '0'],
  ])('writes %d cents as %s', (cents, expected) => {
    expect(money(cents)).toBe(expected);
  });
});
