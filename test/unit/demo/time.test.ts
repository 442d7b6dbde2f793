import { describe, expect, it } from 'vitest';
import { Random } from '../../../functions/demo/random.ts';
import { addMonths, DAY_MS, dayOf, formatDateTime, formatDateTimeWithOffset, formatDay, officeTime, parseDay, weekday, workday } from '../../../functions/demo/time.ts';

describe('time', () => {
  it('parses and formats days', () => {
    expect(formatDay(parseDay('2026-03-04'))).toBe('2026-03-04');
    expect(() => parseDay('2026-02-30')).toThrow(RangeError);
    expect(() => parseDay('4 March 2026')).toThrow(RangeError);
  });

  it('formats instants as ISO UTC, or with an offset', () => {
    const ms = Date.UTC(2026, 2, 4, 9, 15, 7);
    expect(formatDateTime(ms)).toBe('2026-03-04T09:15:07.000Z');
    expect(formatDateTimeWithOffset(ms, 7)).toBe('2026-03-04T16:15:07+07:00');
    expect(Date.parse(formatDateTimeWithOffset(ms, 7))).toBe(ms);
  });

  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2026-05-20', -18, '2024-11-20'],
    ['2026-12-15', 2, '2027-02-15'],
  ])('%s + %d months = %s', (from, months, expected) => {
    expect(formatDay(addMonths(parseDay(from), months))).toBe(expected);
  });

  it('moves weekends to Monday', () => {
    const saturday = parseDay('2026-03-07');
    expect(weekday(saturday)).toBe(6);
    expect(formatDay(workday(saturday))).toBe('2026-03-09');
  });

  it.each([7, 1, 0, -5])('keeps office hours at UTC%d on the same UTC date', (tz) => {
    const rng = new Random(3);
    const day = parseDay('2026-03-04');
    for (let i = 0; i < 1000; i++) expect(dayOf(officeTime(rng, day, tz))).toBe(day);
    expect(DAY_MS).toBe(86_400_000);
  });
});
