import type { TopLevelSpec } from 'vega-lite';
import { renderChartSvg } from './chart-svg.ts';

/** What draws charts for a build: the chart pool (chart-pool.ts). */
export interface ChartDrawer {
  render(spec: TopLevelSpec, id: string, labelledBy: string): Promise<string>;
}

/**
 * Where a build's chart pool is while it runs. Vite bundles the pages into
 * modules of their own, so they cannot share the pool through module state;
 * a registered symbol is the same in every module of the process.
 */
export const ACTIVE_CHART_POOL = Symbol.for('scorecard.chartPool');

/**
 * Draws a chart to SVG: on the build's chart pool when there is one, else
 * in this thread (a page rendered on its own, a test).
 *
 * @example
 * const svg = await drawChart({ mark: 'bar', data: { values: [{ a: 1 }] }, encoding: { y: { field: 'a', type: 'quantitative' } } }, 'c1', 'c1-alt');
 */
export function drawChart(spec: TopLevelSpec, id: string, labelledBy: string): Promise<string> {
  const pool = (globalThis as { [ACTIVE_CHART_POOL]?: ChartDrawer })[ACTIVE_CHART_POOL];
  return pool ? pool.render(spec, id, labelledBy) : renderChartSvg(spec, id, labelledBy);
}
