import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { drawChart } from '../../../functions/publish/chart-draw.ts';
import { withChartPool } from '../../../functions/publish/chart-pool.ts';
import { renderChartSvg } from '../../../functions/publish/chart-svg.ts';

const chart = (seed: number) =>
  ({
    width: 222,
    height: 80,
    data: { values: [0, 1, 2, 3].map((i) => ({ label: `L${i}`, value: ((i + 1) * seed) % 7 })) },
    mark: 'bar',
    encoding: { x: { field: 'label', type: 'ordinal' }, y: { field: 'value', type: 'quantitative' } },
  }) as TopLevelSpec;

describe('the chart pool', () => {
  it('draws on worker threads exactly what the page thread draws, many charts at once', async () => {
    // Prepare: the expected SVGs, drawn in this thread
    const seeds = Array.from({ length: 12 }, (_, i) => i + 1);
    const expected = [];
    for (const seed of seeds) expected.push(await renderChartSvg(chart(seed), `c${seed}`, `c${seed}-alt`));

    // Act
    const drawn = await withChartPool(2, () => Promise.all(seeds.map((seed) => drawChart(chart(seed), `c${seed}`, `c${seed}-alt`))));

    // Assess
    expect(drawn).toEqual(expected);
    expect(new Set(drawn).size).toBe(seeds.length);
  });

  it("passes a chart's error back to the page that asked for it", async () => {
    const noData = { mark: 'bar', encoding: {} } as TopLevelSpec;
    await expect(withChartPool(1, () => drawChart(noData, 'c', 'c-alt'))).rejects.toThrow(/a chart could not be drawn: .*data\.values/);
  });

  it('draws in this thread again once the build is over', async () => {
    await withChartPool(1, async () => undefined);
    await expect(drawChart(chart(3), 'c', 'c-alt')).resolves.toBe(await renderChartSvg(chart(3), 'c', 'c-alt'));
  });
});
