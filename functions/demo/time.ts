import type { Random } from './random.ts';

/**
 * Dates are whole days since 1970-01-01 (UTC) and instants are epoch
 * milliseconds: plain numbers, cheap to compare and to add to.
 *
 * @example
 * const d = parseDay('2026-03-04');
 * formatDateTime(d * DAY_MS + 9 * HOUR_MS); // '2026-03-04T09:00:00.000Z'
 */
export type Day = number;

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export function parseDay(text: string): Day {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  if (!match || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text) {
    throw new RangeError(`asOf must be a date written YYYY-MM-DD, got '${text}'`);
  }
  return ms / DAY_MS;
}

export function dayOf(ms: number): Day {
  return Math.floor(ms / DAY_MS);
}

const dayStrings = new Map<Day, string>();

/** `YYYY-MM-DD`, memoised: the same few thousand days are formatted millions of times. */
export function formatDay(day: Day): string {
  let text = dayStrings.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dayStrings.set(day, text);
  }
  return text;
}

const two = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** `HH:MM:SS` for each second of the day (a dense array: filled in order, once). */
let clock: string[] | null = null;

function clockTimes(): string[] {
  const times: string[] = [];
  for (let second = 0; second < 86_400; second++) {
    times.push(`${two(Math.floor(second / 3600))}:${two(Math.floor(second / 60) % 60)}:${two(second % 60)}`);
  }
  return times;
}

/** `YYYY-MM-DDTHH:MM:SS.000Z` (instants are kept to the second). */
export function formatDateTime(ms: number): string {
  const day = dayOf(ms);
  clock ??= clockTimes();
  return `${formatDay(day)}T${clock[Math.floor((ms - day * DAY_MS) / 1000)]}.000Z`;
}

/** `YYYY-MM-DDTHH:MM:SS+07:00`: the same instant written in a local offset (as some LMSs do). */
export function formatDateTimeWithOffset(ms: number, offsetHours: number): string {
  const local = formatDateTime(ms + offsetHours * HOUR_MS).slice(0, 19);
  const sign = offsetHours < 0 ? '-' : '+';
  return `${local}${sign}${two(Math.abs(offsetHours))}:00`;
}

/** `YYYY-MM-DD HH:MM:SS` (the space-separated form some exports use). */
export function formatDateTimeSpaced(ms: number): string {
  return formatDateTime(ms).slice(0, 19).replace('T', ' ');
}

export function yearMonth(day: Day): { year: number; month: number } {
  const date = new Date(day * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1 };
}

export function dayFromYmd(year: number, month: number, dayOfMonth: number): Day {
  return Date.UTC(year, month - 1, dayOfMonth) / DAY_MS;
}

/** The first day of the month `offset` months after the month of `day`. */
export function monthStart(day: Day, offset = 0): Day {
  const { year, month } = yearMonth(day);
  return dayFromYmd(year, month + offset, 1);
}

const monthEnds = new Map<Day, Day>();

export function monthEnd(day: Day): Day {
  let end = monthEnds.get(day);
  if (end === undefined) monthEnds.set(day, (end = monthStart(day, 1) - 1));
  return end;
}

/** `day` moved by whole months, the day of month clamped (Jan 31 + 1 month = Feb 28). */
export function addMonths(day: Day, months: number): Day {
  const date = new Date(day * DAY_MS);
  const target = dayFromYmd(date.getUTCFullYear(), date.getUTCMonth() + 1 + months, 1);
  return Math.min(target + date.getUTCDate() - 1, monthEnd(target));
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(day: Day): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Saturdays and Sundays move to the following Monday. */
export function workday(day: Day): Day {
  const wd = weekday(day);
  return wd === 6 ? day + 2 : wd === 0 ? day + 1 : day;
}

/**
 * An instant during local office hours (08:00–18:00) on `day` for someone at
 * UTC+`tzHours`. The office-hours window of every time zone used here falls
 * on the same UTC date, so the UTC date of the result is `day`.
 */
export function officeTime(rng: Random, day: Day, tzHours: number): number {
  const localSeconds = rng.int(8 * 3600, 18 * 3600 - 1);
  return day * DAY_MS + (localSeconds - tzHours * 3600) * 1000;
}
