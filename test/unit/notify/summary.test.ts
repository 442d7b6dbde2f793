import { describe, expect, it } from 'vitest';
import type { Page } from '../../../functions/notify/recipients.ts';
import { biggestChanges, changeSize, summarise, type Figure } from '../../../functions/notify/summary.ts';
import type { KpiReading } from '../../../functions/notify/version-data.ts';

const figure = (kpi: string, value: number | null, previous: number | null): Figure => ({ kpi, value, previous });

describe('changeSize', () => {
  it.each([
    [100, 150, 50 / 150],
    [150, 100, 50 / 150],
    [0, 5, 1],
    [-10, 10, 2],
    [0, 0, 0],
  ])('from %d to %d is %d', (previous, value, expected) => {
    expect(changeSize(previous, value)).toBeCloseTo(expected, 12);
  });
});

describe('biggestChanges', () => {
  it('picks the two KPIs that moved most, on one scale for every unit', () => {
    const figures = [
      figure('bookings', 49900, 30000), // 0.399
      figure('win_rate_pct', 44.4, 20), // 0.55
      figure('deals_won', 4, 3), // 0.25
      figure('quota', 381000, 381000),
    ];

    expect(biggestChanges(figures).map((f) => f.kpi)).toEqual(['win_rate_pct', 'bookings']);
  });

  it('ignores KPIs undefined in either version', () => {
    const figures = [figure('csat_avg', null, 3), figure('grr_pct', 80, null), figure('activities', 10, 9)];

    expect(biggestChanges(figures)).toEqual([figure('activities', 10, 9)]);
  });

  it('breaks ties by KPI id, so the choice is stable', () => {
    const figures = [figure('open_opps', 2, 1), figure('deals_won', 2, 1), figure('activities', 4, 2)];

    expect(biggestChanges(figures).map((f) => f.kpi)).toEqual(['activities', 'deals_won']);
  });
});

describe('summarise', () => {
  const page: Page = { level: 'team', entityId: 'M1', name: 'Michael Kim', path: 'v/2026-11-26/team/M1/' };
  const reading = (kpi: string, value: number | null, previous: number | null): KpiReading => ({
    kpi,
    level: 'team',
    entityId: 'M1',
    periodStart: '2026-10-01',
    periodEnd: '2026-11-26',
    value,
    previous,
  });

  it('leads with quota attainment, bookings and forecast, in that order, even when missing', () => {
    const summary = summarise(page, [reading('forecast', 53810, 53810), reading('bookings', 49900, 30000)]);

    expect(summary.headline).toEqual([
      figure('quota_attainment_pct', null, null),
      figure('bookings', 49900, 30000),
      figure('forecast', 53810, 53810),
    ]);
    expect(summary.period).toEqual({ start: '2026-10-01', end: '2026-11-26' });
    expect(summary.changes).toEqual([figure('bookings', 49900, 30000)]);
  });

  it('has no period when the version holds nothing for the entity', () => {
    expect(summarise(page, []).period).toBeUndefined();
  });
});
