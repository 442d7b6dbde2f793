import type { ColumnType } from '../lake/raw-tables.ts';

/**
 * Converts one field of an export into the text DuckDB reads for its
 * canonical type: `''` is NULL, `undefined` means the value does not parse.
 * Canonical forms: booleans `true`/`false`, dates `YYYY-MM-DD`, timestamps
 * in UTC without zone (`YYYY-MM-DD HH:MM:SS[.fff]` or the input's own ISO
 * `…Z` form), numbers as written without a leading `+`.
 *
 * @example
 * convertValue('date', '2026-03-04T23:30:00-02:00'); // '2026-03-05'
 * convertValue('boolean', 'TRUE');                    // 'true'
 * convertValue('double', '1,234');                    // undefined
 */
export function convertValue(type: ColumnType, text: string): string | undefined {
  return CONVERTERS[type](text);
}

/**
 * The converter of one type, for loops that convert millions of values.
 *
 * @example
 * const toDate = converterFor('date'); toDate('2026-02-30'); // undefined
 */
export function converterFor(type: ColumnType): (text: string) => string | undefined {
  return CONVERTERS[type];
}

const toVarchar = (text: string): string => (isBlank(text) ? '' : text);

/** What a value that failed `convertValue` should have looked like, for messages. */
export function expectedForm(type: ColumnType): string {
  switch (type) {
    case 'varchar':
      return 'text';
    case 'boolean':
      return 'not a boolean (expected true, false, 1 or 0)';
    case 'double':
      return 'not a plain number (expected e.g. -1234.5, without thousands separators or currency)';
    case 'date':
      return 'not a date (expected YYYY-MM-DD)';
    case 'timestamp':
      return 'not a datetime (expected ISO 8601 such as 2026-03-04T09:15:00.000Z)';
  }
}

/** Empty or whitespace only: the contract's NULL. */
export function isBlank(text: string): boolean {
  if (text.length === 0) return true;
  // most values start with a visible character: skip the trim for them
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  if (first > 32 && last > 32 && first !== 160 && last !== 160) return false;
  return text.trim().length === 0;
}

const BOOLEANS: Record<string, string> = { true: 'true', false: 'false', '1': 'true', '0': 'false' };

function toBoolean(text: string): string | undefined {
  const direct = BOOLEANS[text];
  if (direct !== undefined) return direct;
  const value = text.trim();
  if (value === '') return '';
  return BOOLEANS[value.toLowerCase()];
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d{1,3})?$/;

function toNumber(text: string): string | undefined {
  const value = isBlank(text) ? '' : text.trim();
  if (value === '') return '';
  if (!NUMBER.test(value)) return undefined;
  return value.charCodeAt(0) === 43 /* + */ ? value.slice(1) : value;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function digits(text: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** `YYYY-MM-DD` at the start of `text` as a real calendar day, else undefined. */
function calendarDay(text: string): [number, number, number] | undefined {
  if (text.length < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  if (year < 1 || month < 1 || month > 12 || day < 1) return undefined;
  const max = month === 2 && isLeap(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  return day <= max ? [year, month, day] : undefined;
}

const DATETIME =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?\s?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

interface Instant {
  /** UTC date, YYYY-MM-DD */
  date: string;
  /** UTC date and time, YYYY-MM-DD HH:MM:SS[.fraction] */
  timestamp: string;
}

/** Parses an ISO 8601 date or datetime (offset converted to UTC; no zone = UTC). */
function toInstant(text: string): Instant | undefined {
  const value = text.trim();
  const m = DATETIME.exec(value);
  if (!m) return undefined;
  const day = calendarDay(m[1] ?? '');
  if (!day) return undefined;
  const [hh, mi, ss] = [Number(m[2] ?? 0), Number(m[3] ?? 0), Number(m[4] ?? 0)];
  if (hh > 23 || mi > 59 || ss > 59) return undefined;
  // DuckDB keeps microseconds
  const fraction = (m[5] ?? '').slice(0, 7);
  const zone = m[6];
  if (!zone || zone === 'Z' || zone === 'z' || /^[+-]00:?(00)?$/.test(zone)) {
    const date = m[1] ?? '';
    const time = `${pad(hh)}:${pad(mi)}:${pad(ss)}`;
    return { date, timestamp: `${date} ${time}${fraction}` };
  }
  const sign = zone.startsWith('-') ? -1 : 1;
  const offsetHours = Number(zone.slice(1, 3));
  const offsetMinutes = Number(zone.slice(-2).length === 2 && zone.length > 3 ? zone.slice(-2) : 0);
  if (offsetHours > 18 || offsetMinutes > 59) return undefined;
  const utc =
    Date.UTC(day[0], day[1] - 1, day[2], hh, mi, ss) - sign * (offsetHours * 60 + offsetMinutes) * 60_000;
  const iso = new Date(utc).toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  return { date: iso.slice(0, 10), timestamp: `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction}` };
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** `YYYY-MM-DDTHH:MM:SS.sssZ`, the form Salesforce writes: DuckDB reads it as it is. */
function isCanonicalUtc(text: string): boolean {
  return (
    text.length === 24 &&
    text.charCodeAt(10) === 84 /* T */ &&
    text.charCodeAt(23) === 90 /* Z */ &&
    text.charCodeAt(13) === 58 &&
    text.charCodeAt(16) === 58 &&
    text.charCodeAt(19) === 46 &&
    calendarDay(text) !== undefined &&
    digits(text, 11, 2) >= 0 &&
    digits(text, 11, 2) <= 23 &&
    digits(text, 14, 2) >= 0 &&
    digits(text, 14, 2) <= 59 &&
    digits(text, 17, 2) >= 0 &&
    digits(text, 17, 2) <= 59 &&
    digits(text, 20, 3) >= 0
  );
}

function toDate(text: string): string | undefined {
  if (text.length === 10) return calendarDay(text) ? text : undefined;
  if (isBlank(text)) return '';
  if (isCanonicalUtc(text)) return text.slice(0, 10);
  return toInstant(text)?.date;
}

function toTimestamp(text: string): string | undefined {
  if (isCanonicalUtc(text)) return text;
  if (isBlank(text)) return '';
  return toInstant(text)?.timestamp;
}

/**
 * An ISO 8601 datetime as a UTC timestamp string, for JSON sources (xAPI).
 *
 * @example
 * utcTimestamp('2026-03-04T16:15:00+07:00'); // '2026-03-04 09:15:00'
 */
export function utcTimestamp(text: string): string | undefined {
  if (isCanonicalUtc(text)) return text;
  return toInstant(text)?.timestamp;
}

const CONVERTERS: Record<ColumnType, (text: string) => string | undefined> = {
  varchar: toVarchar,
  boolean: toBoolean,
  double: toNumber,
  date: toDate,
  timestamp: toTimestamp,
};
