import type { Messages } from './i18n/messages.ts';
import type { Unit } from '../publish/catalog.ts';

function number(value: number, messages: Messages, digits: number): string {
  return new Intl.NumberFormat(messages.numberLocale, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value);
}

function money(value: number, messages: Messages, currency: string): string {
  return new Intl.NumberFormat(messages.numberLocale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(value);
}

/**
 * A KPI value as people read it; NULL (undefined KPI) becomes the locale's "n/a".
 *
 * @example
 * formatValue(13.0971, 'percent', en, 'USD') // '13.1%'
 * formatValue(49900, 'currency', en, 'USD')  // '$49,900'
 */
export function formatValue(value: number | null, unit: Unit, messages: Messages, currency: string): string {
  if (value === null) return messages.notAvailable;
  switch (unit) {
    case 'currency':
      return money(value, messages, currency);
    case 'currency_per_day':
      return `${money(value, messages, currency)}${messages.perDay}`;
    case 'percent':
      return `${number(value, messages, 1)}%`;
    case 'count':
      return number(value, messages, 0);
    case 'days':
      return `${number(value, messages, 1)} ${messages.days}`;
    case 'score':
    case 'ratio':
      return number(value, messages, 2);
  }
}

/**
 * The signed difference between two values: percentages change by points,
 * everything else in its own unit.
 *
 * @example
 * formatChange(40, 45, 'percent', en, 'USD') // '+5 pts'
 */
export function formatChange(previous: number, value: number, unit: Unit, messages: Messages, currency: string): string {
  const delta = value - previous;
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  const size = Math.abs(delta);
  const text = unit === 'percent' ? `${number(size, messages, 1)} ${messages.points}` : formatValue(size, unit, messages, currency);
  return `${sign}${text}`;
}
