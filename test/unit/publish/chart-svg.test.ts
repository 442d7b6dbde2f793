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
});
