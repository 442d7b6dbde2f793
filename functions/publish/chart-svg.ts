import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * House look of every chart: transparent (prints well), readable grey axes,
 * no ARIA per mark (the figure carries the text alternative). Text inherits
 * the page's font stack (FONT_STACK, with Thai fonts) instead of repeating
 * it on every label.
 */
const CONFIG = {
  aria: false,
  background: null,
  font: 'inherit',
  view: { stroke: null },
  axis: { labelColor: '#333', titleColor: '#333', gridColor: '#e3e3e3', domainColor: '#888', tickColor: '#888', labelFontSize: 11, titleFontSize: 11 },
  legend: { labelColor: '#333', labelFontSize: 11, orient: 'bottom', title: null },
};

/**
 * Renders a Vega-Lite spec to an SVG string at build time (no client
 * JavaScript). Vega escapes every text it writes, so names from the exports
 * stay text. Ids inside the SVG get `id` as a prefix, so several charts can
 * share a page, and the root gets `role="img"` labelled by `labelledBy`.
 *
 * @example
 * const svg = await renderChartSvg({ mark: 'bar', data: { values: [{ a: 1 }] }, encoding: { y: { field: 'a', type: 'quantitative' } } }, 'c1', 'c1-alt');
 * svg.startsWith('<svg') // true
 */
export async function renderChartSvg(spec: TopLevelSpec, id: string, labelledBy: string): Promise<string> {
  const withConfig = { ...spec, config: { ...CONFIG, ...(spec.config ?? {}) } } as TopLevelSpec;
  const view = new View(parse(compile(withConfig).spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    return svg
      // the figure's text alternative describes the chart; per-mark roles (Vega adds some even with aria off) would only be noise
      .replace(/\s(role|aria-roledescription|aria-label)="[^"]*"/g, '')
      // empty frames Vega draws around every group: a third of the bytes, nothing on screen
      .replace(/<path class="(background|foreground)"( aria-hidden="true")? d="(M0,0h0v0h0Z)?"( pointer-events="none")?( display="none")?\/>/g, '')
      .replace(/ opacity="1"/g, '')
      .replace(/\b(id|clip-path)="(url\(#)?([^")]+)(\))?"/g, (_all, attr: string, open = '', name: string, close = '') =>
        `${attr}="${open}${id}-${name}${close}"`,
      )
      .replace(/^<svg /, `<svg role="img" aria-labelledby="${labelledBy}" focusable="false" `);
  } finally {
    view.finalize();
  }
}
