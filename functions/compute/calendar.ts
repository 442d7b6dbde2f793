import { parseAsOf } from '../as-of.ts';
import { ComputeError } from './errors.ts';

export type PeriodType = 'month' | 'quarter';

/** One reporting period of a run, with every date the KPI SQL compares against. */
export interface Period {
  type: PeriodType;
  /** ps: the first day */
  start: string;
  /** pe: the last day, or as_of for the period that contains it (period to date) */
  end: string;
  /** the period's last day, also when it is still running */
  fullEnd: string;
  /** the day before ps: "open at the end of the day before ps" */
  eve: string;
  /** P′ of bookings_growth_pct: the whole previous period, or its first (pe − ps) days while P runs */
  prevStart: string;
  prevEnd: string;
  /** fullEnd ≤ as_of: growth compares with the whole previous period */
  isComplete: boolean;
  /** fullEnd < as_of: forecast_accuracy_pct is defined */
  hasEnded: boolean;
}

const DAY_MS = 86_400_000;

/** A YYYY-MM-DD string as a month index (year × 12 + month − 1) and day, after checking it is a real date. */
function parseDate(text: string): { month: number; day: number } {
  const [year = 0, month = 0, day = 0] = parseAsOf(text).split('-').map(Number);
  return { month: year * 12 + month - 1, day };
}

/** The first day of a month index. */
function monthStart(month: number): string {
  const year = Math.floor(month / 12);
  return `${String(year).padStart(4, '0')}-${String(month - year * 12 + 1).padStart(2, '0')}-01`;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

const min = (a: string, b: string): string => (a < b ? a : b);

/** The period of `length` months starting at month index `first`, cut at as_of. */
function period(type: PeriodType, first: number, length: number, asOf: string): Period {
  const start = monthStart(first);
  const fullEnd = addDays(monthStart(first + length), -1);
  const end = min(fullEnd, asOf);
  const prevStart = monthStart(first - length);
  const prevFullEnd = addDays(start, -1);
  const isComplete = fullEnd <= asOf;
  return {
    type,
    start,
    end,
    fullEnd,
    eve: addDays(start, -1),
    prevStart,
    prevEnd: isComplete ? prevFullEnd : min(addDays(prevStart, daysBetween(start, end)), prevFullEnd),
    isComplete,
    hasEnded: fullEnd < asOf,
  };
}

/**
 * The periods of a run: the 12 calendar months ending with the month that
 * contains as_of, then the 4 quarters ending with the quarter that contains
 * it. Quarters start at the fiscal year's first month; months stay calendar
 * months. Dates are computed here rather than in SQL because the two
 * engines disagree on date arithmetic (DuckDB's DATE + INTERVAL is a
 * TIMESTAMP) and month ends are easy to get wrong.
 *
 * @example
 * const periods = periodCalendar('2024-02-28', 1);
 * periods[11]; // { type: 'month', start: '2024-02-01', end: '2024-02-28', fullEnd: '2024-02-29', prevEnd: '2024-01-28', ... }
 * periods[15]; // { type: 'quarter', start: '2024-01-01', end: '2024-02-28', fullEnd: '2024-03-31', ... }
 */
export function periodCalendar(asOf: string, fiscalYearStartMonth: number): Period[] {
  if (!Number.isInteger(fiscalYearStartMonth) || fiscalYearStartMonth < 1 || fiscalYearStartMonth > 12) {
    throw new ComputeError(`fiscal year start month must be 1..12, not ${fiscalYearStartMonth}`);
  }
  const { month } = parseDate(asOf);
  const months = Array.from({ length: 12 }, (_, i) => period('month', month - 11 + i, 1, asOf));
  // months since the fiscal year's first month, modulo 3: how far into its quarter as_of is
  const intoQuarter = (((month - (fiscalYearStartMonth - 1)) % 3) + 3) % 3;
  const quarter = month - intoQuarter;
  const quarters = Array.from({ length: 4 }, (_, i) => period('quarter', quarter - 9 + i * 3, 3, asOf));
  return [...months, ...quarters];
}
