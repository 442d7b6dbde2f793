import type { TopLevelSpec } from 'vega-lite';
import { kpiDefinition, type Unit } from './catalog.ts';
import { axisFor, CHART_HEIGHT, CHART_WIDTH } from './chart-frame.ts';
import { pipelineStageChart } from './pipeline-stage-chart.ts';
import type { NumberCell, SiteView } from './view.ts';
import type { Entity, PeriodType } from './site-data.ts';

/** One line or set of bars of a chart: a KPI's values of one entity. */
export interface ChartSeries {
  name: string;
  kpi: string;
  values: (number | null)[];
  /** in a `bars+line` chart: which series is the line */
  mark?: 'bar' | 'line';
  /** `level:id` of the values' entity, so the numbers table can say whose they are */
  entity?: string;
}

/** A chart as the page shows it: the spec (rendered to SVG at build time), its text alternative and its numbers. */
export interface ChartModel {
  /** unique in the page; prefixes the ids inside the SVG */
  id: string;
  title: string;
  /** what the chart shows, in words */
  alt: string;
  spec: TopLevelSpec;
  /**
   * the key to the colours, drawn in HTML under the chart: Vega's own legend cost a third of the
   * chart's build time, and text in the page can be read, zoomed and selected
   */
  legend: LegendItem[];
  /** the numbers table: one row per x value, one column per series */
  table: { head: string; columns: string[]; rows: { label: string; cells: NumberCell[] }[] };
  /** nothing to draw (every value NULL) */
  empty: boolean;
}

/** One entry of a chart's legend: a series' name, its colour and how it is drawn. */
export interface LegendItem {
  name: string;
  color: string;
  mark: 'bar' | 'line' | 'dashed';
}

const PALETTE = ['#1f5fa8', '#d96c00', '#2a8a57', '#8a4fb0', '#b03a48'];

interface ChartInput {
  id: string;
  title: string;
  xTitle: string;
  labels: string[];
  series: ChartSeries[];
  unit: Unit;
  /** `bars` runs horizontally: for long category names such as "Thailand / กรุงเทพมหานคร" */
  layout: 'lines' | 'grouped' | 'bars+line' | 'bars';
}

/**
 * Builds a chart from series of KPI values. Names from the exports (people,
 * countries) only ever travel as data values, never inside a Vega expression.
 *
 * @example
 * const chart = seriesChart(view, { id: 'c', title: 'Win rate', xTitle: 'Month', labels: ['Nov 2026'], series: [{ name: 'Team', kpi: 'win_rate_pct', values: [40] }], unit: 'percent', layout: 'lines' });
 * chart.table.rows[0]?.cells[0]?.text // '40%'
 */
export function seriesChart(view: SiteView, input: ChartInput): ChartModel {
  const names = input.series.map((s) => s.name);
  const values = input.series.flatMap((s, si) =>
    s.values.map((value, i) => ({
      label: input.labels[i] ?? String(i),
      index: i,
      series: s.name,
      order: si,
      layer: s.mark ?? 'bar',
      value,
    })),
  );
  const axis = axisFor(input.unit, view.data.currency);
  // Orders and colours come from the data (index, order), not from lists in the spec: the spec without
  // its values is then the same on every page, and chart-svg.ts compiles it once (see renderChartSvg)
  const bySeries = { field: 'order', op: 'min' };
  const x = { field: 'label', type: 'ordinal', sort: { field: 'index', op: 'min' }, title: input.xTitle, axis: { labelAngle: input.labels.length > 6 ? -40 : 0, labelLimit: 120 } };
  const y = { field: 'value', type: 'quantitative', title: axis.title, axis: { format: axis.format, tickCount: 5 } };
  const color = { field: 'series', type: 'nominal', scale: { range: PALETTE }, sort: bySeries, legend: null };
  const base = { width: CHART_WIDTH, height: CHART_HEIGHT, data: { values } };
  let spec: TopLevelSpec;
  if (input.layout === 'lines') {
    spec = { ...base, mark: { type: 'line', point: true, strokeWidth: 2 }, encoding: { x, y, color } } as TopLevelSpec;
  } else if (input.layout === 'bars') {
    // no label limit: Vega measures text without a canvas and would cut Thai names short
    const yCat = { ...x, axis: { labelLimit: 0 } };
    spec = {
      data: base.data,
      width: CHART_WIDTH - 200,
      height: { step: 10 * Math.max(1, input.series.length) + 6 },
      mark: { type: 'bar' },
      encoding: { y: yCat, x: y, color, yOffset: { field: 'series', sort: bySeries } },
    } as TopLevelSpec;
  } else if (input.layout === 'grouped') {
    spec = { ...base, mark: { type: 'bar' }, encoding: { x, y, color, xOffset: { field: 'series', sort: bySeries } } } as TopLevelSpec;
  } else {
    spec = {
      ...base,
      encoding: { x, y, color },
      layer: [
        { transform: [{ filter: { field: 'layer', equal: 'bar' } }], mark: { type: 'bar' } },
        { transform: [{ filter: { field: 'layer', equal: 'line' } }], mark: { type: 'line', point: true, strokeWidth: 2, strokeDash: [4, 3] } },
      ],
    } as TopLevelSpec;
  }

  const rows = input.labels.map((label, i) => ({
    label,
    cells: input.series.map((s): NumberCell => {
      const value = s.values[i] ?? null;
      return { kpi: s.kpi, value, text: view.f.value(value, kpiDefinition(s.kpi).unit) };
    }),
  }));
  const empty = input.series.every((s) => s.values.every((v) => v === null));
  return {
    id: input.id,
    title: input.title,
    alt: view.m.charts.alt(input.title, empty ? view.m.charts.noData : describe(view, input)),
    spec,
    legend: input.series.map((s, i) => ({
      name: s.name,
      color: PALETTE[i % PALETTE.length] ?? '#333',
      mark: input.layout === 'lines' ? 'line' : input.layout === 'bars+line' && s.mark === 'line' ? 'dashed' : 'bar',
    })),
    table: { head: input.xTitle, columns: names, rows },
    empty,
  };
}

/** The facts a reader of the chart would take away: each series' latest value and its high point. */
function describe(view: SiteView, input: ChartInput): string {
  return input.series
    .map((s) => {
      const unit = kpiDefinition(s.kpi).unit;
      const points = s.values.map((v, i) => ({ v, label: input.labels[i] ?? '' })).filter((p): p is { v: number; label: string } => p.v !== null);
      const last = points.at(-1);
      if (!last) return `${s.name}: ${view.m.notAvailable}`;
      const high = points.reduce((a, b) => (b.v > a.v ? b : a));
      const first = points[0] ?? last;
      const range = points.length > 1 ? view.m.charts.range(s.name, `${first.label} ${view.f.value(first.v, unit)}`, `${last.label} ${view.f.value(last.v, unit)}`) : `${s.name}: ${last.label} ${view.f.value(last.v, unit)}`;
      return points.length > 2 ? `${range} (max ${high.label} ${view.f.value(high.v, unit)})` : range;
    })
    .join('; ');
}

const keyOf = (e: Entity): string => `${e.level}:${e.id}`;

function periodLabels(view: SiteView, type: PeriodType): string[] {
  return view.periods(type).map((p) => view.periodName(type, p));
}

function kpiSeries(view: SiteView, entity: Entity, kpi: string, type: PeriodType, name: string, mark?: 'bar' | 'line'): ChartSeries {
  const values = view.series(entity, kpi)?.[type] ?? view.periods(type).map(() => null);
  return { name, kpi, values, entity: keyOf(entity), ...(mark ? { mark } : {}) };
}

/** The charts of an org, team or AE page; `reference` is what an AE is compared with. */
export function pageCharts(view: SiteView, entity: Entity, reference?: Entity): ChartModel[] {
  const c = view.m.charts;
  const months = periodLabels(view, 'month');
  const quarters = periodLabels(view, 'quarter');
  const named = (e: Entity): string => view.entityName(e);
  const compare = (kpi: string, type: PeriodType): ChartSeries[] => [
    kpiSeries(view, entity, kpi, type, named(entity)),
    ...(reference ? [kpiSeries(view, reference, kpi, type, named(reference))] : []),
  ];
  const charts: ChartModel[] = [
    seriesChart(view, {
      id: 'chart-bookings',
      title: c.bookingsVsQuota,
      xTitle: c.month,
      labels: months,
      series: [kpiSeries(view, entity, 'bookings', 'month', c.bookings, 'bar'), kpiSeries(view, entity, 'quota', 'month', c.quota, 'line')],
      unit: 'currency',
      layout: 'bars+line',
    }),
    // replaces the grouped bars of bookings, forecast, quota, open and weighted pipeline: same number of charts
    pipelineStageChart(view, entity),
    seriesChart(view, { id: 'chart-win-rate', title: c.winRateTrend, xTitle: c.month, labels: months, series: compare('win_rate_pct', 'month'), unit: 'percent', layout: 'lines' }),
    seriesChart(view, {
      id: 'chart-retention',
      title: c.retention,
      xTitle: c.quarter,
      labels: quarters,
      series: [
        kpiSeries(view, entity, 'grr_pct', 'quarter', c.grr),
        kpiSeries(view, entity, 'nrr_pct', 'quarter', c.nrr),
        kpiSeries(view, entity, 'logo_churn_pct', 'quarter', c.logoChurn),
      ],
      unit: 'percent',
      layout: 'lines',
    }),
    coverageChart(view, entity),
    seriesChart(view, { id: 'chart-training', title: c.training, xTitle: c.month, labels: months, series: compare('training_completion_pct', 'month'), unit: 'percent', layout: 'lines' }),
    skillsChart(view, entity, reference),
  ];
  return charts;
}

/** Accounts owned and touched this quarter, by country and state (`kpi_breakdowns`). */
function coverageChart(view: SiteView, entity: Entity): ChartModel {
  const c = view.m.charts;
  const rows = (view.data.breakdowns[keyOf(entity)] ?? []).filter((r) => r.period === 'quarter' && r.dimension === 'country_state');
  const countries = [...new Set(rows.map((r) => r.dimensionValue))].sort((a, b) => a.localeCompare(b));
  const pick = (kpi: string): (number | null)[] =>
    countries.map((country) => rows.find((r) => r.kpi === kpi && r.dimensionValue === country)?.value ?? null);
  return seriesChart(view, {
    id: 'chart-coverage',
    title: c.coverage,
    xTitle: c.countryState,
    labels: countries,
    series: [
      { name: c.accountsOwned, kpi: 'accounts_owned', values: pick('accounts_owned') },
      { name: c.accountsTouched, kpi: 'accounts_touched', values: pick('accounts_touched') },
    ],
    unit: 'count',
    layout: 'bars',
  });
}

/** Skill scores this month by skill, beside the reference's. */
function skillsChart(view: SiteView, entity: Entity, reference?: Entity): ChartModel {
  const c = view.m.charts;
  const rowsOf = (e: Entity) => (view.data.breakdowns[keyOf(e)] ?? []).filter((r) => r.period === 'month' && r.dimension === 'skill' && r.kpi === 'skill_score_avg');
  const own = rowsOf(entity);
  const ref = reference ? rowsOf(reference) : [];
  const skills = [...new Set([...own, ...ref].map((r) => r.dimensionValue))].sort((a, b) => a.localeCompare(b));
  const valuesOf = (rows: typeof own) => skills.map((skill) => rows.find((r) => r.dimensionValue === skill)?.value ?? null);
  const name = (e: Entity): string => view.entityName(e);
  return seriesChart(view, {
    id: 'chart-skills',
    title: c.skills,
    xTitle: c.skill,
    labels: skills,
    series: [
      { name: name(entity), kpi: 'skill_score_avg', values: valuesOf(own) },
      ...(reference ? [{ name: name(reference), kpi: 'skill_score_avg', values: valuesOf(ref) }] : []),
    ],
    unit: 'score',
    layout: 'grouped',
  });
}
