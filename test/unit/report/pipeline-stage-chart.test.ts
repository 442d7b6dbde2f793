import { describe, expect, it } from 'vitest';
import { renderChartSvg } from '../../../functions/publish/chart-svg.ts';
import { pageCharts } from '../../../functions/report/charts.ts';
import { orderStages, pipelineStageChart } from '../../../functions/report/pipeline-stage-chart.ts';
import type { BreakdownRow, SiteData } from '../../../functions/report/site-data.ts';
import { SiteView } from '../../../functions/report/view.ts';
import { series, smallSiteData } from '../../fixtures/site/site-data.ts';

const Q = ['2026-01-01', '2026-04-01', '2026-07-01', '2026-10-01'] as const;
const QUARTERS = [
  { start: Q[0], end: '2026-03-31', running: false },
  { start: Q[1], end: '2026-06-30', running: false },
  { start: Q[2], end: '2026-09-30', running: false },
  { start: Q[3], end: '2026-11-26', running: true },
];
const HOSTILE = '"><script>alert(1)</script>';

const stage = (start: string, name: string, value: number): BreakdownRow => ({
  period: 'quarter',
  start,
  kpi: 'open_pipeline',
  dimension: 'stage',
  dimensionValue: name,
  value,
});

/** Team T with four stages over the year, AE A with two; a country row that is not a stage. */
function data(overrides: Partial<SiteData> = {}): SiteData {
  return smallSiteData({
    quarters: QUARTERS,
    values: {
      'team:T': {
        open_pipeline: series([0, 0], [300, 0, 450, 700]),
        forecast: series([0, 0], [250, 310, 290, 350]),
        quota: series([0, 0], [300, 300, 320, 320]),
      },
      'ae:A': {
        open_pipeline: series([0, 0], [null, 100, 0, 50]),
        forecast: series([0, 0], [null, 20, 10, 30]),
        quota: series([0, 0], [0, 0, 0, 0]),
      },
    },
    breakdowns: {
      'team:T': [
        stage(Q[0], 'Proposal/Price Quote', 120),
        stage(Q[0], 'Prospecting', 180),
        stage(Q[2], 'Unknown', 50),
        stage(Q[2], 'Prospecting', 400),
        stage(Q[3], HOSTILE, 200),
        stage(Q[3], 'Qualification', 500),
        { period: 'quarter', start: Q[3], kpi: 'accounts_owned', dimension: 'country', dimensionValue: 'Thailand', value: 3 },
      ],
      'ae:A': [stage(Q[1], 'Qualification', 100), stage(Q[3], 'Prospecting', 50)],
    },
    ...overrides,
  });
}

const view = (overrides: Partial<SiteData> = {}) => new SiteView(data(overrides));

describe('orderStages', () => {
  it('orders known stages as a sales process runs, then others by name, Unknown last', () => {
    expect(orderStages(['Unknown', 'Negotiation/Review', 'zeta', 'Alpha', 'qualification', 'Prospecting', 'Proposal', 'Prospecting'])).toEqual([
      'Prospecting',
      'qualification',
      'Proposal',
      'Negotiation/Review',
      'Alpha',
      'zeta',
      'Unknown',
    ]);
  });
});

describe('pipelineStageChart', () => {
  it('tables open pipeline by stage for each quarter, 0 where a quarter has a total but not the stage, then total, forecast and quota', () => {
    // Prepare
    const v = view();

    // Act
    const chart = pipelineStageChart(v, v.entity('team', 'T')!);

    // Assess
    expect(chart.id).toBe('chart-pipeline-stage');
    expect(chart.title).toBe('Pipeline by stage and forecast');
    expect(chart.table.head).toBe('Quarter');
    expect(chart.table.columns).toEqual(['Prospecting', 'Qualification', 'Proposal/Price Quote', HOSTILE, 'Unknown', 'Open pipeline', 'Forecast', 'Quota']);
    expect(chart.table.rows.map((r) => r.label)).toEqual(['Jan–Mar 2026', 'Apr–Jun 2026', 'Jul–Sep 2026', 'Oct–Dec 2026']);
    expect(chart.table.rows.map((r) => r.cells.map((c) => c.value))).toEqual([
      [180, 0, 120, 0, 0, 300, 250, 300],
      [0, 0, 0, 0, 0, 0, 310, 300],
      [400, 0, 0, 0, 50, 450, 290, 320],
      [0, 500, 0, 200, 0, 700, 350, 320],
    ]);
    expect(chart.table.rows[3]?.cells[1]).toMatchObject({ kpi: 'open_pipeline', text: '$500' });
    expect(chart.empty).toBe(false);
  });

  it("marks the entity's own KPI values with entity and period, and the stage values (not in kpi_values) with neither", () => {
    const v = view();
    const [q1] = pipelineStageChart(v, v.entity('ae', 'A')!).table.rows;
    expect(q1?.cells.map((c) => [c.kpi, c.value, c.entity, c.period])).toEqual([
      ['open_pipeline', null, undefined, undefined],
      ['open_pipeline', null, undefined, undefined],
      ['open_pipeline', null, 'ae:A', 'quarter:2026-01-01'],
      ['forecast', null, 'ae:A', 'quarter:2026-01-01'],
      ['quota', 0, 'ae:A', 'quarter:2026-01-01'],
    ]);
  });

  it('gives a stage the same colour on every page, with names only in the data values', () => {
    const v = view();
    const team = pipelineStageChart(v, v.entity('team', 'T')!);
    const ae = pipelineStageChart(v, v.entity('ae', 'A')!);
    interface Spec {
      data: { values: { series: string; layer: string; color: string; value: number | null }[] };
    }
    const colours = (spec: unknown): Map<string, string> =>
      new Map((spec as Spec).data.values.filter((d) => d.layer === 'stage').map((d) => [d.series, d.color]));
    // the version's stages in order: Prospecting, Qualification, Proposal/Price Quote, the hostile one, Unknown
    expect(colours(team.spec)).toEqual(
      new Map([
        ['Prospecting', '#4f8fcf'],
        ['Qualification', '#1f5fa8'],
        ['Proposal/Price Quote', '#2e8b8b'],
        [HOSTILE, '#2a8a57'],
        ['Unknown', '#767676'],
      ]),
    );
    // A has two of them, in the team's colours, and the legend says which is which
    expect(colours(ae.spec)).toEqual(new Map([['Prospecting', '#4f8fcf'], ['Qualification', '#1f5fa8']]));
    expect(ae.legend).toEqual([
      { name: 'Prospecting', color: '#4f8fcf', mark: 'bar' },
      { name: 'Qualification', color: '#1f5fa8', mark: 'bar' },
      { name: 'Forecast', color: '#222222', mark: 'line' },
      { name: 'Quota', color: '#b03a48', mark: 'dashed' },
    ]);
    // the spec without its values is the same on both pages (chart-svg.ts compiles a shape once), and names no stage
    const shape = (spec: unknown): string => JSON.stringify({ ...(spec as Spec), data: null });
    expect(shape(ae.spec)).toBe(shape(team.spec));
    for (const name of ['Prospecting', 'Qualification', 'alert']) expect(shape(team.spec)).not.toContain(name);
  });

  it('says in words what the latest quarter holds and how forecast and quota moved', () => {
    const v = view();
    expect(pipelineStageChart(v, v.entity('team', 'T')!).alt).toBe(
      'Pipeline by stage and forecast. Open pipeline at the end of Oct–Dec 2026: $700 (Qualification $500, ' +
        `${HOSTILE} $200); Forecast from Jan–Mar 2026 $250 to Oct–Dec 2026 $350; Quota from Jan–Mar 2026 $300 to Oct–Dec 2026 $320`,
    );
  });

  it('speaks Thai on a Thai site', () => {
    const v = view({ locale: 'th' });
    const chart = pipelineStageChart(v, v.entity('ae', 'A')!);
    expect(chart.title).toBe('ไปป์ไลน์ตามขั้นการขายและยอดขายคาดการณ์');
    expect(chart.table.columns.slice(-3)).toEqual(['ไปป์ไลน์ที่เปิดอยู่', 'ยอดขายคาดการณ์', 'เป้าหมาย']);
    expect(chart.alt).toContain('ไปป์ไลน์ที่เปิดอยู่ ณ สิ้น');
  });

  it('is empty for an entity without stage rows, forecast or quota', () => {
    const v = view();
    const chart = pipelineStageChart(v, v.entity('ae', 'B')!);
    expect(chart.empty).toBe(true);
    expect(chart.alt).toBe('Pipeline by stage and forecast. No data for this chart in this version.');
    expect(chart.table.columns).toEqual(['Open pipeline', 'Forecast', 'Quota']);
  });

  it('is on every page in place of the grouped pipeline chart', () => {
    const v = view();
    const ids = pageCharts(v, v.entity('ae', 'A')!, v.entity('team', 'T')).map((c) => c.id);
    expect(ids).toContain('chart-pipeline-stage');
    expect(ids).not.toContain('chart-pipeline');
  });

  it('draws a bar per stage row, the forecast line with points and the dashed quota line', async () => {
    const v = view();
    const chart = pipelineStageChart(v, v.entity('team', 'T')!);
    const svg = await renderChartSvg(chart.spec, chart.id, `${chart.id}-alt`);
    // six stage rows, each a bar in its stage's colour
    const bars = ['#4f8fcf', '#1f5fa8', '#2e8b8b', '#2a8a57', '#767676'].map((c) => svg.split(`fill="${c}"`).length - 1);
    expect(bars).toEqual([2, 1, 1, 1, 1]);
    expect(svg.match(/stroke-dasharray="4,3"/g)).toHaveLength(1);
    expect(svg).toContain('stroke="#222222"');
    // names live in the legend and the table (HTML, escaped by the page), not in the drawing
    expect(svg).not.toContain('script');
    expect(svg).toContain('Oct–Dec 2026');
  });
});
