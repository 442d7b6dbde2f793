import type { KpiId } from '../report/catalog.ts';
import { entityKey } from '../lake/entity.ts';
import type { Page } from './recipients.ts';
import type { KpiReading } from './version-data.ts';

/** What every e-mail leads with, in this order. */
export const HEADLINE_KPIS = ['quota_attainment_pct', 'bookings', 'forecast'] as const satisfies readonly KpiId[];

/** One KPI's value now and in the previous version. */
export interface Figure {
  kpi: string;
  value: number | null;
  previous: number | null;
}

/** The numbers one page's section of an e-mail shows. */
export interface PageSummary {
  page: Page;
  /** the quarter to date the figures cover; undefined when the version has no values for the entity */
  period: { start: string; end: string } | undefined;
  headline: Figure[];
  /** at most two, biggest first */
  changes: Figure[];
}

/**
 * How much a KPI moved, on one scale for every unit: the change relative to
 * the larger of the two values (0..2), so that 0 → anything counts as a full
 * change and no unit (money, counts, percentages) dominates by magnitude.
 */
export function changeSize(previous: number, value: number): number {
  const scale = Math.max(Math.abs(previous), Math.abs(value));
  return scale === 0 ? 0 : Math.abs(value - previous) / scale;
}

/**
 * The `count` KPIs that moved most since the previous version (both values
 * defined and different); ties go to the KPI id, so the choice is stable.
 *
 * @example
 * biggestChanges([{ kpi: 'bookings', value: 150, previous: 100 }, …], 2)
 */
export function biggestChanges(figures: Figure[], count = 2): Figure[] {
  return figures
    .filter((f): f is Figure & { value: number; previous: number } => f.value !== null && f.previous !== null && f.value !== f.previous)
    .map((f) => ({ figure: f, size: changeSize(f.previous, f.value) }))
    .sort((a, b) => b.size - a.size || (a.figure.kpi < b.figure.kpi ? -1 : 1))
    .slice(0, count)
    .map(({ figure }) => ({ kpi: figure.kpi, value: figure.value, previous: figure.previous }));
}

/** Groups readings by entity, for `summarise`. */
export function readingsByEntity(readings: KpiReading[]): Map<string, KpiReading[]> {
  const map = new Map<string, KpiReading[]>();
  for (const reading of readings) {
    const key = entityKey(reading.level, reading.entityId);
    const list = map.get(key) ?? [];
    list.push(reading);
    map.set(key, list);
  }
  return map;
}

/**
 * A page's summary from its entity's quarter-to-date readings.
 *
 * @example
 * summarise(page, byEntity.get(entityKey('team', page.entityId)) ?? [])
 */
export function summarise(page: Page, readings: KpiReading[]): PageSummary {
  const figures: Figure[] = readings.map((r) => ({ kpi: r.kpi, value: r.value, previous: r.previous }));
  const first = readings[0];
  return {
    page,
    period: first ? { start: first.periodStart, end: first.periodEnd } : undefined,
    headline: HEADLINE_KPIS.map((kpi) => figures.find((f) => f.kpi === kpi) ?? { kpi, value: null, previous: null }),
    changes: biggestChanges(figures),
  };
}
