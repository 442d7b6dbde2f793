import { describe, expect, it } from 'vitest';
import { formatChange, formatValue } from '../../../functions/notify/format.ts';
import { en } from '../../../functions/notify/i18n/en.ts';
import { th } from '../../../functions/notify/i18n/th.ts';
import type { Unit } from '../../../functions/publish/catalog.ts';

describe('formatValue', () => {
  it.each<[number | null, Unit, string]>([
    [13.097112860892388, 'percent', '13.1%'],
    [49900, 'currency', '$49,900'],
    [638.92, 'currency_per_day', '$639/day'],
    [12, 'count', '12'],
    [61.25, 'days', '61.3 days'],
    [3.2142857, 'score', '3.21'],
    [null, 'currency', 'n/a'],
  ])('writes %s as %s in English', (value, unit, expected) => {
    expect(formatValue(value, unit, en, 'USD')).toBe(expected);
  });

  it('writes Thai baht and days in Thai', () => {
    expect(formatValue(49900, 'currency', th, 'THB')).toBe('฿49,900');
    expect(formatValue(2, 'days', th, 'THB')).toBe('2 วัน');
    expect(formatValue(null, 'percent', th, 'THB')).toBe('ไม่มีข้อมูล');
  });
});

describe('formatChange', () => {
  it.each<[number, number, Unit, string]>([
    [20, 44.44, 'percent', '+24.4 pts'],
    [49900, 30000, 'currency', '−$19,900'],
    [3, 3, 'count', '±0'],
  ])('from %d to %d (%s) is %s', (previous, value, unit, expected) => {
    expect(formatChange(previous, value, unit, en, 'USD')).toBe(expected);
  });
});
