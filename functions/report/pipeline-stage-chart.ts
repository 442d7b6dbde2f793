import type { TopLevelSpec } from 'vega-lite';
import { axisFor, CHART_HEIGHT, CHART_WIDTH } from './chart-frame.ts';
import type { ChartModel, LegendItem } from './charts.ts';
import { entityKey, type Entity, type SiteData } from './site-data.ts';
import type { NumberCell, SiteView } from './view.ts';

/**
 * The order stages are stacked in, bottom up: Salesforce's default sales
 * process, with the demo organisation's shorter one (Proposal, Negotiation)
 * in between. Other stages follow by name, `Unknown` (no stage) last.
 */
const KNOWN_STAGES = [
  'Prospecting',
  'Qualification',
  'Needs Analysis',
  'Value Proposition',
  'Id. Decision Makers',
  'Perception Analysis',
  'Proposal',
  'Proposal/Price Quote',
  'Negotiation',
  'Negotiation/Review',
].map((s) => s.toLowerCase());
const UNKNOWN = 'Unknown';

/**
 * Stage colours by place in the version's stage order, each at least 3:1
 * against the white page, neighbours apart; a grey for `Unknown`. Forecast
 * (near black) and quota (red, dashed) lines stand out from them.
 */
const STAGE_PALETTE = ['#4f8fcf', '#1f5fa8', '#2e8b8b', '#2a8a57', '#6b9a2f', '#c77700', '#8a4fb0', '#a0522d', '#5c6bc0', '#b8860b'];
const UNKNOWN_COLOUR = '#767676';
const FORECAST_COLOUR = '#222222';
const QUOTA_COLOUR = '#b03a48';

/**
 * Stage names in pipeline order: known stages as a sales process runs
 * through them, then the others by name, `Unknown` last.
 *
 * @example
 * orderStages(['Negotiation', 'Unknown', 'Custom', 'Prospecting']); // ['Prospecting', 'Negotiation', 'Custom', 'Unknown']
 */
export function orderStages(stages: Iterable<string>): string[] {
  const rank = (stage: string): number => {
    if (stage === UNKNOWN) return KNOWN_STAGES.length + 1;
    const known = KNOWN_STAGES.indexOf(stage.toLowerCase());
    return known === -1 ? KNOWN_STAGES.length : known;
  };
  return [...new Set(stages)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

// per site data (one build): the stages of every entity, so that a stage has the same colour on every page
const versionStages = new WeakMap<SiteData, string[]>();

function stagesOfVersion(data: SiteData): string[] {
  let stages = versionStages.get(data);
  if (!stages) {
    const all = new Set<string>();
    for (const rows of Object.values(data.breakdowns)) {
      for (const row of rows) if (row.dimension === 'stage' && row.kpi === 'open_pipeline') all.add(row.dimensionValue);
    }
    stages = orderStages(all);
    versionStages.set(data, stages);
  }
  return stages;
}

interface Datum {
  label: string;
  /** the quarter's position, for the x order */
  index: number;
  layer: 'stage' | 'forecast' | 'quota';
  /** a stage's name, or the forecast's or quota's */
  series: string;
  /** a stage's place in the stack, bottom up */
  order: number;
  /** a stage's colour, used as it is (no colour scale) */
  color: string;
  value: number | null;
}

/**
 * Open pipeline by stage at the end of each quarter of the report, stacked
 * (`kpi_breakdowns` stage rows), with the quarter's forecast as a line and
 * its quota as a dashed line. A stage's colour is its place among all the
 * stages of the version, so it is the same on every page; it travels in the
 * data (the spec has no colour scale, and no name from the exports), the
 * key to the colours is the model's `legend`, and the spec without its
 * values is the same for every page (chart-svg.ts compiles it once).
 *
 * @example
 * const chart = pipelineStageChart(view, view.entity('team', '005M')!);
 * chart.table.columns; // ['Prospecting', 'Qualification', 'Open pipeline', 'Forecast', 'Quota']
 */
export function pipelineStageChart(view: SiteView, entity: Entity): ChartModel {
  const c = view.m.charts;
  const quarters = view.periods('quarter');
  const labels = quarters.map((q) => view.periodName('quarter', q));
  const key = entityKey(entity.level, entity.id);
  const rows = (view.data.breakdowns[key] ?? []).filter((r) => r.dimension === 'stage' && r.kpi === 'open_pipeline' && r.period === 'quarter');
  const all = stagesOfVersion(view.data);
  const colour = (stage: string): string =>
    stage === UNKNOWN ? UNKNOWN_COLOUR : (STAGE_PALETTE[Math.max(0, all.indexOf(stage)) % STAGE_PALETTE.length] ?? UNKNOWN_COLOUR);
  const own = orderStages(rows.map((r) => r.dimensionValue));
  const totals = view.series(entity, 'open_pipeline')?.quarter ?? quarters.map(() => null);
  const forecast = view.series(entity, 'forecast')?.quarter ?? quarters.map(() => null);
  const quota = view.series(entity, 'quota')?.quarter ?? quarters.map(() => null);
  const rowOf = (stage: string, i: number) => rows.find((r) => r.dimensionValue === stage && r.start === quarters[i]?.start);
  // a stage without a row has nothing open in that quarter: 0 where the quarter has a total
  const stageValue = (stage: string, i: number): number | null => rowOf(stage, i)?.value ?? (totals[i] === null || totals[i] === undefined ? null : 0);

  const values: Datum[] = [];
  own.forEach((stage, order) => {
    labels.forEach((label, index) => {
      const row = rowOf(stage, index);
      if (row) values.push({ label, index, layer: 'stage', series: stage, order, color: colour(stage), value: row.value });
    });
  });
  labels.forEach((label, index) => {
    values.push({ label, index, layer: 'forecast', series: c.forecast, order: 0, color: FORECAST_COLOUR, value: forecast[index] ?? null });
    values.push({ label, index, layer: 'quota', series: c.quota, order: 0, color: QUOTA_COLOUR, value: quota[index] ?? null });
  });

  const axis = axisFor('currency', view.data.currency);
  const y = { field: 'value', type: 'quantitative', title: axis.title, axis: { format: axis.format, tickCount: 5 } };
  const line = { field: 'value', type: 'quantitative', stack: null };
  const only = (layer: Datum['layer']) => [{ filter: { field: 'layer', equal: layer } }];
  const spec = {
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    data: { values },
    encoding: {
      x: { field: 'label', type: 'ordinal', sort: { field: 'index', op: 'min' }, title: c.quarter, axis: { labelAngle: 0, labelLimit: 120 } },
    },
    layer: [
      {
        transform: only('stage'),
        mark: { type: 'bar' },
        encoding: {
          y: { ...y, stack: 'zero' },
          color: { field: 'color', type: 'nominal', scale: null, legend: null },
          detail: { field: 'series', type: 'nominal' },
          order: { field: 'order', type: 'quantitative' },
        },
      },
      { transform: only('forecast'), mark: { type: 'line', color: FORECAST_COLOUR, strokeWidth: 2, point: { color: FORECAST_COLOUR } }, encoding: { y: line } },
      { transform: only('quota'), mark: { type: 'line', color: QUOTA_COLOUR, strokeWidth: 2, strokeDash: [4, 3] }, encoding: { y: line } },
    ],
  } as TopLevelSpec;

  const cell = (kpi: string, value: number | null, i: number, own = true): NumberCell => ({
    kpi,
    value,
    text: view.f.value(value, 'currency'),
    // the KPI's own values say whose and which they are, so that they can be checked against kpi_values
    ...(own && quarters[i] ? { entity: key, period: `quarter:${quarters[i].start}` } : {}),
  });
  const table = {
    head: c.quarter,
    columns: [...own, c.openPipeline, c.forecast, c.quota],
    rows: labels.map((label, i) => ({
      label,
      cells: [
        ...own.map((stage) => cell('open_pipeline', stageValue(stage, i), i, false)),
        cell('open_pipeline', totals[i] ?? null, i),
        cell('forecast', forecast[i] ?? null, i),
        cell('quota', quota[i] ?? null, i),
      ],
    })),
  };
  const legend: LegendItem[] = [
    ...own.map((stage): LegendItem => ({ name: stage, color: colour(stage), mark: 'bar' })),
    { name: c.forecast, color: FORECAST_COLOUR, mark: 'line' },
    { name: c.quota, color: QUOTA_COLOUR, mark: 'dashed' },
  ];
  const empty = rows.length === 0 && [...forecast, ...quota].every((v) => v === null);
  return {
    id: 'chart-pipeline-stage',
    title: c.pipelineByStage,
    alt: c.alt(c.pipelineByStage, empty ? c.noData : facts(view, labels, own, stageValue, totals, forecast, quota)),
    spec,
    legend,
    table,
    empty,
  };
}

/** The latest quarter's open pipeline by stage, then how forecast and quota moved over the quarters. */
function facts(
  view: SiteView,
  labels: string[],
  stages: string[],
  stageValue: (stage: string, i: number) => number | null,
  totals: (number | null)[],
  forecast: (number | null)[],
  quota: (number | null)[],
): string {
  const c = view.m.charts;
  const money = (v: number | null) => view.f.value(v, 'currency');
  const last = labels.length - 1;
  const parts = stages
    .map((stage) => ({ stage, value: stageValue(stage, last) }))
    .filter((p) => p.value !== null && p.value !== 0)
    .map((p) => `${p.stage} ${money(p.value)}`);
  const latest = c.stagesAt(labels[last] ?? '', money(totals[last] ?? null), parts.join(', '));
  const moved = (name: string, series: (number | null)[]) => {
    const points = series.map((v, i) => ({ v, label: labels[i] ?? '' })).filter((p) => p.v !== null);
    const first = points[0];
    const end = points.at(-1);
    if (!first || !end) return `${name}: ${view.m.notAvailable}`;
    return points.length > 1 ? c.range(name, `${first.label} ${money(first.v)}`, `${end.label} ${money(end.v)}`) : `${name}: ${end.label} ${money(end.v)}`;
  };
  return [latest, moved(c.forecast, forecast), moved(c.quota, quota)].join('; ');
}
