import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * House look of every chart: transparent (prints well), readable grey axes,
 * no ARIA per mark (the figure carries the text alternative). Text inherits
 * the page's font stack (FONT_STACK, with Thai fonts) instead of repeating
 * it on every label. No legend style: the specs turn Vega's legend off and
 * the page draws the key in HTML (ChartModel.legend).
 */
const CONFIG = {
  aria: false,
  background: null,
  font: 'inherit',
  view: { stroke: null },
  axis: { labelColor: '#333', titleColor: '#333', gridColor: '#e3e3e3', domainColor: '#888', tickColor: '#888', labelFontSize: 11, titleFontSize: 11 },
};

/** The name the inline values of a spec get in the compiled view, so the next chart of the same shape can swap them. */
const DATA = 'table';

/** How many compiled views to keep: a site has a handful of chart shapes, so this only bounds odd cases. */
const MAX_VIEWS = 64;

interface CachedView {
  view: View;
  /** renders of one view run one after another: each swaps the view's data */
  queue: Promise<unknown>;
}

/**
 * Compiled Vega views by spec shape (the spec without its data values).
 * Compiling and parsing a spec costs about 9 times as much as drawing it
 * again with other data, and a site draws the same few shapes thousands of
 * times, so each shape is compiled once per process and its data swapped.
 */
const views = new Map<string, CachedView>();

function viewFor(shape: TopLevelSpec): CachedView {
  const key = JSON.stringify(shape);
  let cached = views.get(key);
  if (!cached) {
    const withConfig = { ...shape, data: { name: DATA }, config: { ...CONFIG, ...(shape.config ?? {}) } } as TopLevelSpec;
    cached = { view: new View(parse(compile(withConfig).spec), { renderer: 'none' }), queue: Promise.resolve() };
    if (views.size >= MAX_VIEWS) {
      const [oldest] = views;
      if (oldest) {
        views.delete(oldest[0]);
        void oldest[1].queue.finally(() => oldest[1].view.finalize());
      }
    }
    views.set(key, cached);
  }
  return cached;
}

/**
 * Renders a Vega-Lite spec with inline data values (`data: { values }`) to
 * an SVG string at build time (no client JavaScript). Vega escapes every
 * text it writes, so names from the exports stay text, as long as they only
 * travel as data values: the rest of the spec is the cache key. Ids inside
 * the SVG get `id` as a prefix, so several charts can share a page, and the
 * root gets `role="img"` labelled by `labelledBy`.
 *
 * @example
 * const svg = await renderChartSvg({ mark: 'bar', data: { values: [{ a: 1 }] }, encoding: { y: { field: 'a', type: 'quantitative' } } }, 'c1', 'c1-alt');
 * svg.startsWith('<svg') // true
 */
export async function renderChartSvg(spec: TopLevelSpec, id: string, labelledBy: string): Promise<string> {
  const { data, ...shape } = spec as TopLevelSpec & { data?: { values?: unknown } };
  const values = data?.values;
  if (!Array.isArray(values)) throw new TypeError('renderChartSvg: the spec needs its data inline, as data.values (an array)');
  const cached = viewFor(shape as TopLevelSpec);
  // Vega marks the objects it is given; copies keep the caller's spec as it was
  const render = cached.queue.then(async () => {
    // Emptying the view first makes every mark enter anew, in the order a fresh view draws them
    // (else axis ticks that stay keep their place); resize() lays the view out again for the new labels
    await cached.view.data(DATA, []).runAsync();
    return cached.view.data(DATA, values.map((v: object) => ({ ...v }))).resize().toSVG();
  });
  cached.queue = render.catch(() => undefined);
  return tidy(await render, id, labelledBy);
}

/** Strips what a page does not need from Vega's SVG and makes its ids unique in the page. */
function tidy(svg: string, id: string, labelledBy: string): string {
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
}
