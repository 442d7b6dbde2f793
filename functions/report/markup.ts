import { escapeHtml } from '../html.ts';
import type { Unit } from './catalog.ts';
import type { ChangeCell, NumberCell, SiteView } from './view.ts';

/**
 * The small pieces of markup a page repeats hundreds of times (every
 * number, change and sparkline), written as strings. An Astro component
 * per number made up most of a page's build time; the pages insert these
 * strings with `set:html`, so everything in them that is not markup goes
 * through `escapeHtml`.
 */

/**
 * A KPI value as a link to its definition; the raw value rides along in
 * `data-value` for the tests and the sort script. `extraClass` is the
 * site's own (e.g. `big`), never from the data.
 *
 * @example
 * numberHtml(view, { kpi: 'bookings', value: 5, text: '$5' }) // '<a class="num" href="/v/…/kpis/#kpi-bookings" data-kpi="bookings" data-value="5">$5</a>'
 */
export function numberHtml(view: SiteView, cell: NumberCell, extraClass?: string): string {
  const attributes = [
    ` href="${escapeHtml(view.kpiHref(cell.kpi))}"`,
    ` data-kpi="${escapeHtml(cell.kpi)}"`,
    cell.entity === undefined ? '' : ` data-entity="${escapeHtml(cell.entity)}"`,
    cell.period === undefined ? '' : ` data-period="${escapeHtml(cell.period)}"`,
    ` data-value="${cell.value === null ? '' : String(cell.value)}"`,
  ].join('');
  const text =
    cell.value === null
      ? `<span aria-hidden="true">${escapeHtml(cell.text)}</span><span class="sr">${escapeHtml(view.m.notAvailableText)}</span>`
      : escapeHtml(cell.text);
  const note = cell.note ? `<span class="note"> ${escapeHtml(cell.note)}</span>` : '';
  return `<a class="num${extraClass ? ` ${escapeHtml(extraClass)}` : ''}"${attributes}>${text}</a>${note}`;
}

/**
 * A change with its tone in words for screen readers and an arrow for
 * print, never in colour alone.
 *
 * @example
 * changeHtml(view, { kpi: 'bookings', delta: 3, text: '+$3', tone: 'good' }) // '<span class="change good"><span aria-hidden="true">▲ </span><span class="sr">up </span>+$3</span>'
 */
export function changeHtml(view: SiteView, change: ChangeCell): string {
  const moved = change.delta !== null && change.delta !== 0;
  const up = moved && (change.delta ?? 0) > 0;
  const arrow = moved ? (up ? '▲ ' : '▼ ') : '';
  const words = moved ? `<span class="sr">${escapeHtml(up ? view.m.up : view.m.down)} </span>` : '';
  return `<span class="change ${change.tone}"><span aria-hidden="true">${arrow}</span>${words}${escapeHtml(change.text)}</span>`;
}

const SPARK_W = 96;
const SPARK_H = 24;

/**
 * A 12-month sparkline: one path with a gap wherever a month has no value,
 * a dot on the latest value, and the first and latest values as its text
 * alternative.
 *
 * @example
 * sparklineHtml(view, [1, null, 3], 'Bookings', 'currency') // '<svg class="spark" … aria-label="Bookings from …"><path d="M2.0,…"…/></svg>'
 */
export function sparklineHtml(view: SiteView, values: (number | null)[], label: string, unit: Unit): string {
  const known = values.filter((v): v is number => v !== null);
  const min = Math.min(...known, 0);
  const max = Math.max(...known, 0);
  const span = max - min || 1;
  const x = (i: number): number => (values.length > 1 ? (i / (values.length - 1)) * (SPARK_W - 4) + 2 : SPARK_W / 2);
  const y = (v: number): number => SPARK_H - 2 - ((v - min) / span) * (SPARK_H - 4);
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    pen = true;
  });
  const firstIndex = values.findIndex((v) => v !== null);
  const lastIndex = values.findLastIndex((v) => v !== null);
  const first = values[firstIndex];
  const last = values[lastIndex];
  const months = view.data.months;
  const at = (i: number, v: number): string => `${view.f.month(months[i]?.start ?? '')} ${view.f.value(v, unit)}`;
  const alt =
    first === undefined || first === null || last === undefined || last === null
      ? `${label}: ${view.m.charts.noData}`
      : view.m.charts.range(label, at(firstIndex, first), at(lastIndex, last));
  const dot = last === undefined || last === null ? '' : `<circle cx="${x(lastIndex).toFixed(1)}" cy="${y(last).toFixed(1)}" r="2" fill="currentColor"></circle>`;
  return (
    `<svg class="spark" viewBox="0 0 ${SPARK_W} ${SPARK_H}" width="${SPARK_W}" height="${SPARK_H}" role="img" aria-label="${escapeHtml(alt)}" focusable="false">` +
    `<path d="${d}" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round"></path>${dot}</svg>`
  );
}
