import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { renderChartSvg } from '../../../functions/publish/chart-svg.ts';
import { FONT_STACK } from '../../../functions/publish/fonts.ts';

const HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'สมชาย แซ่ตั้ง'];

const spec = {
  width: 300,
  height: 120,
  data: { values: HOSTILE.map((name, i) => ({ name, value: i + 1 })) },
  mark: 'bar',
  encoding: {
    x: { field: 'name', type: 'nominal', title: 'Name & <b>title</b>' },
    y: { field: 'value', type: 'quantitative' },
    color: { field: 'name', type: 'nominal' },
  },
} as TopLevelSpec;

describe('renderChartSvg', () => {
  it('keeps names from the exports as text: no element or attribute can be injected', async () => {
    // Act
    const svg = await renderChartSvg(spec, 'c1', 'c1-alt');

    // Assess
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<img');
    expect(svg).not.toMatch(/\sonerror=/);
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('สมชาย แซ่ตั้ง');
  });

  it('labels the chart by its text alternative and prefixes the ids inside it', async () => {
    const svg = await renderChartSvg(spec, 'chart-x', 'chart-x-alt');
    expect(svg).toMatch(/^<svg role="img" aria-labelledby="chart-x-alt" focusable="false" /);
    const ids = [...svg.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.every((id) => id?.startsWith('chart-x-'))).toBe(true);
    const refs = [...svg.matchAll(/url\(#([^)]+)\)/g)].map((m) => m[1]);
    expect(refs.every((ref) => ids.includes(ref))).toBe(true);
  });

  it("draws text in the page's font stack, which can draw Thai", async () => {
    const svg = await renderChartSvg(spec, 'c', 'c-alt');
    expect(svg).toContain('font-family="inherit"');
    expect(FONT_STACK).toMatch(/Loma/);
  });

  it('draws a chart the same on a fresh view and on one reused after other data', async () => {
    // Arrange: the shapes of the site's charts, each at a width no other test uses, so that the
    // first render of each compiles a fresh view; data with gaps, zeros and labels of any length
    const labels = ['Thailand / กรุงเทพมหานคร', 'Japan / Unknown', 'x', 'Jan 2026', 'Q1 FY2026'];
    const data = (seed: number) =>
      [0, 1].flatMap((order) =>
        labels.slice(0, 2 + (seed % 4)).map((label, index) => ({
          label, index, order, series: order ? 'Team' : `AE ${seed}`, layer: order ? 'line' : 'bar',
          value: (index + seed) % 5 === 0 ? null : ((index * 37 + seed * 11 + order * 5) % 23) * 10 ** (seed % 7),
        })),
      );
    const x = { field: 'label', type: 'ordinal', sort: { field: 'index', op: 'min' } };
    const y = { field: 'value', type: 'quantitative', axis: { tickCount: 5 } };
    const color = { field: 'series', type: 'nominal', sort: { field: 'order', op: 'min' } };
    const shapes = [
      { mark: { type: 'line', point: true }, encoding: { x, y, color } },
      { encoding: { x, y, color }, layer: [{ transform: [{ filter: { field: 'layer', equal: 'bar' } }], mark: 'bar' }, { transform: [{ filter: { field: 'layer', equal: 'line' } }], mark: 'line' }] },
      { mark: 'bar', encoding: { x, y, color, xOffset: { field: 'series', sort: { field: 'order', op: 'min' } } } },
      { mark: 'bar', height: { step: 12 }, encoding: { y: x, x: y, color, yOffset: { field: 'series', sort: { field: 'order', op: 'min' } } } },
    ];
    for (const [i, shape] of shapes.entries()) {
      const chart = (seed: number) => ({ width: 341 + i, ...(shape.height ? {} : { height: 90 }), ...shape, data: { values: data(seed) } }) as TopLevelSpec;

      // Act
      const fresh = await renderChartSvg(chart(1), 'c', 'c-alt');
      const other = await renderChartSvg(chart(6), 'c', 'c-alt');
      const again = await renderChartSvg(chart(1), 'c', 'c-alt');
      const together = await Promise.all([6, 1, 6, 1].map((seed) => renderChartSvg(chart(seed), 'c', 'c-alt')));

      // Assess: byte for byte (versions are reproducible), whatever was drawn before, even concurrently
      expect(other).not.toBe(fresh);
      expect(again).toBe(fresh);
      expect(together).toEqual([other, fresh, other, fresh]);
    }
  });

  it('leaves the caller\'s spec as it was', async () => {
    const rows = [{ name: 'a', value: 1 }];
    const before = JSON.stringify(rows);
    await renderChartSvg({ ...spec, data: { values: rows } } as TopLevelSpec, 'c', 'c-alt');
    expect(JSON.stringify(rows)).toBe(before);
    expect(Object.getOwnPropertySymbols(rows[0])).toEqual([]);
  });
});
