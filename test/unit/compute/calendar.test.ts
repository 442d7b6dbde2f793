import { describe, expect, it } from 'vitest';
import { AsOfError } from '../../../functions/as-of.ts';
import { periodCalendar } from '../../../functions/compute/calendar.ts';
import { ComputeError } from '../../../functions/compute/errors.ts';

const summary = (asOf: string, fiscal = 1) =>
  periodCalendar(asOf, fiscal).map((p) => `${p.type} ${p.start}..${p.end} (${p.fullEnd}) P′ ${p.prevStart}..${p.prevEnd}`);

describe('periodCalendar', () => {
  it('gives the 12 months ending with the month of as_of, then the 4 quarters ending with its quarter', () => {
    // Prepare / Act
    const periods = periodCalendar('2026-11-26', 1);
    // Assess
    expect(periods.map((p) => `${p.type} ${p.start}`)).toEqual([
      ...['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'].map(
        (m) => `month ${m}-01`,
      ),
      'quarter 2026-01-01',
      'quarter 2026-04-01',
      'quarter 2026-07-01',
      'quarter 2026-10-01',
    ]);
  });

  it('cuts the running period at as_of and compares it with as many days of the previous one', () => {
    const [month] = periodCalendar('2026-11-26', 1).slice(11);
    expect(month).toEqual({
      type: 'month',
      start: '2026-11-01',
      end: '2026-11-26',
      fullEnd: '2026-11-30',
      eve: '2026-10-31',
      prevStart: '2026-10-01',
      prevEnd: '2026-10-26',
      isComplete: false,
      hasEnded: false,
    });
  });

  it.each([
    // a leap day that ends February: the month is complete, P′ is all of January
    ['2024-02-29', 11, 'month 2024-02-01..2024-02-29 (2024-02-29) P′ 2024-01-01..2024-01-31'],
    // the day before: still running, P′ = the first 28 days of January
    ['2024-02-28', 11, 'month 2024-02-01..2024-02-28 (2024-02-29) P′ 2024-01-01..2024-01-28'],
    // March to date is longer than February: P′ stops at February's last day
    ['2023-03-30', 11, 'month 2023-03-01..2023-03-30 (2023-03-31) P′ 2023-02-01..2023-02-28'],
    ['2024-03-30', 11, 'month 2024-03-01..2024-03-30 (2024-03-31) P′ 2024-02-01..2024-02-29'],
    // quarter to date across a leap February: 59 days after the previous quarter's start
    ['2024-02-29', 15, 'quarter 2024-01-01..2024-02-29 (2024-03-31) P′ 2023-10-01..2023-11-29'],
    // a quarter-end as_of: the quarter is complete
    ['2026-06-30', 15, 'quarter 2026-04-01..2026-06-30 (2026-06-30) P′ 2026-01-01..2026-03-31'],
    // the first of a month: one day to date, compared with the first day of the previous month
    ['2026-03-01', 11, 'month 2026-03-01..2026-03-01 (2026-03-31) P′ 2026-02-01..2026-02-01'],
    // the year boundary
    ['2027-01-15', 0, 'month 2026-02-01..2026-02-28 (2026-02-28) P′ 2026-01-01..2026-01-31'],
  ])('as of %s, period %i is %s', (asOf, index, expected) => {
    expect(summary(asOf)[index]).toBe(expected);
  });

  it('marks a period ended only when its last day is before as_of, and complete when it is on or before', () => {
    const periods = periodCalendar('2026-06-30', 1);
    const june = periods[11];
    const may = periods[10];
    expect([june?.isComplete, june?.hasEnded]).toEqual([true, false]);
    expect([may?.isComplete, may?.hasEnded]).toEqual([true, true]);
  });

  it('moves quarters, never months, with the fiscal year start', () => {
    const periods = periodCalendar('2026-06-30', 2);
    expect(periods.slice(0, 12).map((p) => p.start)).toEqual(periodCalendar('2026-06-30', 1).slice(0, 12).map((p) => p.start));
    expect(summary('2026-06-30', 2).slice(12)).toEqual([
      'quarter 2025-08-01..2025-10-31 (2025-10-31) P′ 2025-05-01..2025-07-31',
      'quarter 2025-11-01..2026-01-31 (2026-01-31) P′ 2025-08-01..2025-10-31',
      'quarter 2026-02-01..2026-04-30 (2026-04-30) P′ 2025-11-01..2026-01-31',
      'quarter 2026-05-01..2026-06-30 (2026-07-31) P′ 2026-02-01..2026-04-02',
    ]);
    // a fiscal year starting in December: January's quarter began in December; 40 days to date
    expect(summary('2026-01-10', 12).at(-1)).toBe('quarter 2025-12-01..2026-01-10 (2026-02-28) P′ 2025-09-01..2025-10-11');
  });

  it.each(['2026-02-30', '2026-13-01', '26-01-01', '2026-1-1', ''])('rejects the as-of date "%s"', (asOf) => {
    expect(() => periodCalendar(asOf, 1)).toThrow(AsOfError);
  });

  it.each([0, 13, 1.5])('rejects the fiscal year start month %s', (month) => {
    expect(() => periodCalendar('2026-01-01', month)).toThrow(ComputeError);
  });
});
