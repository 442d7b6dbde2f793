import type { KpiDefinition, Unit } from './catalog.ts';
import type { Messages } from './i18n/messages.ts';

/**
 * Formats numbers, dates and KPI values for one locale and currency. Made
 * once per build: `Intl` formatters are slow to create and fast to reuse.
 */
export interface Formatter {
  /** a KPI value in its unit; NULL becomes the locale's "not available" */
  value(value: number | null, unit: Unit): string;
  /** a signed change: percentages move by points, everything else in its unit */
  change(delta: number, unit: Unit): string;
  /** a share 0..100 written as a percentage */
  percent(value: number): string;
  /** a whole number */
  integer(value: number): string;
  /** `YYYY-MM-DD` as the locale writes a date (Thai: Buddhist era) */
  date(iso: string): string;
  /** `YYYY-MM-DD` of a month's first day as a short month and year: "Nov 2026" */
  month(iso: string): string;
  /** `YYYY-MM-DD` of a quarter's first day as its three months: "Oct–Dec 2026" */
  quarter(iso: string): string;
  /** an ISO timestamp as date and time (UTC) */
  timestamp(iso: string): string;
}

const DIGITS: Record<Unit, number> = {
  currency: 0,
  currency_per_day: 0,
  percent: 1,
  count: 0,
  days: 1,
  score: 1,
  ratio: 1,
};

/**
 * @example
 * const f = formatter(en, 'USD');
 * f.value(13.0971, 'percent') // '13.1%'
 * f.value(49900, 'currency')  // '$49,900'
 * f.change(-2.5, 'percent')   // '−2.5 pts'
 */
export function formatter(messages: Messages, currency: string): Formatter {
  const tag = messages.intlLocale;
  const numbers = new Map<number, Intl.NumberFormat>();
  const number = (value: number, digits: number): string => {
    let format = numbers.get(digits);
    if (!format) {
      format = new Intl.NumberFormat(tag, { maximumFractionDigits: digits, minimumFractionDigits: 0 });
      numbers.set(digits, format);
    }
    return format.format(value);
  };
  const money = new Intl.NumberFormat(tag, { style: 'currency', currency, maximumFractionDigits: 0, minimumFractionDigits: 0 });
  const dates = new Intl.DateTimeFormat(tag, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
  const months = new Intl.DateTimeFormat(tag, { year: 'numeric', month: 'short', timeZone: 'UTC' });
  const monthNames = new Intl.DateTimeFormat(tag, { month: 'short', timeZone: 'UTC' });
  const times = new Intl.DateTimeFormat(tag, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
    timeZoneName: 'short',
  });

  const value = (v: number | null, unit: Unit): string => {
    if (v === null || !Number.isFinite(v)) return messages.notAvailable;
    // −0 would print as "-0"
    const x = Object.is(v, -0) ? 0 : v;
    switch (unit) {
      case 'currency':
        return money.format(x);
      case 'currency_per_day':
        return `${money.format(x)}${messages.perDay}`;
      case 'percent':
        return `${number(x, DIGITS.percent)}%`;
      case 'days':
        return `${number(x, DIGITS.days)} ${messages.days}`;
      default:
        return number(x, DIGITS[unit]);
    }
  };

  return {
    value,
    change(delta, unit) {
      const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
      const size = Math.abs(delta);
      return unit === 'percent' ? `${sign}${number(size, 1)} ${messages.points}` : `${sign}${value(size, unit)}`;
    },
    percent: (v) => `${number(v, 0)}%`,
    integer: (v) => number(v, 0),
    date: (iso) => dates.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)),
    month: (iso) => months.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)),
    quarter: (iso) => {
      const start = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
      const last = new Date(start);
      last.setUTCMonth(last.getUTCMonth() + 2);
      return `${monthNames.format(start)}–${months.format(last)}`;
    },
    timestamp: (iso) => {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : times.format(date);
    },
  };
}

/** How a change reads: good, bad or neutral news for this KPI (for colour and the words beside it). */
export function changeTone(delta: number, kpi: Pick<KpiDefinition, 'better'>): 'good' | 'bad' | 'neutral' {
  if (delta === 0 || kpi.better === 'neither') return 'neutral';
  return (delta > 0) === (kpi.better === 'up') ? 'good' : 'bad';
}
