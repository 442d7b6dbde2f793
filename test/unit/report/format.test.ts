import { describe, expect, it } from 'vitest';
import { changeTone, formatter } from '../../../functions/report/format.ts';
import { messagesFor } from '../../../functions/report/i18n/messages.ts';

const en = formatter(messagesFor('en'), 'USD');
const th = formatter(messagesFor('th'), 'THB');

describe('formatter', () => {
  it.each([
    [49900, 'currency', '$49,900'],
    [13.0971, 'percent', '13.1%'],
    [12.04, 'days', '12 days'],
    [3.456, 'score', '3.5'],
    [1234, 'count', '1,234'],
    [250.4, 'currency_per_day', '$250/day'],
    [null, 'percent', '–'],
    [-0, 'count', '0'],
  ] as const)('writes %s as %s in English', (value, unit, text) => {
    expect(en.value(value, unit)).toBe(text);
  });

  it('writes Thai baht, days and Buddhist-era dates', () => {
    expect(th.value(12345, 'currency')).toBe('฿12,345');
    expect(th.value(4, 'days')).toBe('4 วัน');
    expect(th.date('2026-11-26')).toBe('26 พ.ย. 2569');
    expect(th.quarter('2026-10-01')).toBe('ต.ค.–ธ.ค. 2569');
  });

  it('writes changes with a sign, percentages in points', () => {
    expect(en.change(-2.54, 'percent')).toBe('−2.5 pts');
    expect(en.change(5550, 'currency')).toBe('+$5,550');
    expect(en.change(0, 'count')).toBe('±0');
    expect(th.change(3, 'percent')).toBe('+3 จุด');
  });

  it('names quarters by their months, so fiscal quarters read right', () => {
    expect(en.quarter('2026-02-01')).toBe('Feb–Apr 2026');
    expect(en.month('2026-11-01')).toBe('Nov 2026');
  });

  it.each([
    [5, 'up', 'good'],
    [-5, 'up', 'bad'],
    [5, 'down', 'bad'],
    [-5, 'down', 'good'],
    [5, 'neither', 'neutral'],
    [0, 'up', 'neutral'],
  ] as const)('reads a change of %s where %s is better as %s', (delta, better, tone) => {
    expect(changeTone(delta, { better })).toBe(tone);
  });
});
