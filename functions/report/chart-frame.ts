import type { Unit } from './catalog.ts';

/** The plot size every chart of a page shares, in px (the SVG grows by its axes and labels). */
export const CHART_WIDTH = 520;
export const CHART_HEIGHT = 200;

/**
 * A value axis' number format (d3-format) and title for a unit.
 *
 * @example
 * axisFor('currency', 'USD') // { format: '~s', title: 'USD' }
 */
export function axisFor(unit: Unit, currency: string): { format: string; title: string } {
  switch (unit) {
    case 'currency':
    case 'currency_per_day':
      return { format: '~s', title: currency };
    case 'percent':
      return { format: '~r', title: '%' };
    default:
      return { format: '~r', title: '' };
  }
}
