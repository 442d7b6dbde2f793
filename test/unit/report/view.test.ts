import { describe, expect, it } from 'vitest';
import { SiteView } from '../../../functions/report/view.ts';
import { series, smallSiteData } from '../../fixtures/site/site-data.ts';

function view(values = {}, overrides = {}) {
  return new SiteView(smallSiteData({ values, ...overrides }));
}

describe('SiteView', () => {
  it('links every number to its definition and carries its raw value', () => {
    // Prepare
    const v = view({ 'team:T': { bookings: series([10, 20], [100, 2500.5]) } });

    // Act
    const cell = v.cell(v.entity('team', 'T')!, 'bookings', 'quarter');

    // Assess
    expect(cell).toMatchObject({ kpi: 'bookings', value: 2500.5, text: '$2,501', entity: 'team:T', period: 'quarter:2026-10-01' });
    expect(v.kpiHref('bookings')).toBe('/v/2026-11-26/kpis/#kpi-bookings');
  });

  it('measures changes since the previous version and against the previous period', () => {
    const v = view({ 'ae:A': { win_rate_pct: series([40, 50], [30, 45], [48, 40]) } });
    const ann = v.entity('ae', 'A')!;
    expect(v.changeSinceVersion(ann, 'win_rate_pct', 'quarter')).toMatchObject({ delta: 5, text: '+5 pts', tone: 'good' });
    expect(v.changeVsPrevious(ann, 'win_rate_pct', 'month')).toMatchObject({ delta: 10, tone: 'good' });
  });

  it('says "new period" when the previous version did not have the period, and nothing without a previous version', () => {
    const values = { 'ae:A': { bookings: series([1, 2], [3, 4]) } };
    expect(view(values).changeSinceVersion(view(values).entity('ae', 'A')!, 'bookings', 'month').text).toBe('new period');
    const first = view(values, { previousAsOf: null });
    expect(first.changeSinceVersion(first.entity('ae', 'A')!, 'bookings', 'month')).toMatchObject({ delta: null, text: '–' });
  });

  it('sets an AE beside the team: sums per AE (former AEs count), rates as pooled', () => {
    const v = view({ 'team:T': { bookings: series([0, 0], [0, 900]), win_rate_pct: series([0, 0], [0, 40]) } });
    const team = v.entity('team', 'T')!;
    expect(v.headcount(team)).toBe(3);
    expect(v.referenceCell(team, 'bookings', 'quarter')).toMatchObject({ value: 300, note: 'per AE' });
    expect(v.referenceCell(team, 'bookings', 'quarter').entity).toBeUndefined();
    expect(v.referenceCell(team, 'win_rate_pct', 'quarter')).toMatchObject({ value: 40, entity: 'team:T' });
  });

  it('knows who is who: active AEs get pages, an AE without a team is compared with the org', () => {
    const v = view();
    expect(v.activeAes().map((e) => e.id)).toEqual(['A', 'B', 'D']);
    expect(v.members('T').map((e) => e.id)).toEqual(['A', 'B', 'C']);
    expect(v.aesWithoutTeam().map((e) => e.id)).toEqual(['D']);
    expect(v.reference(v.entity('ae', 'D')!).level).toBe('org');
    expect(v.reference(v.entity('ae', 'A')!).id).toBe('T');
  });

  it('links to the same page of other versions through the stubs, under the site prefix', () => {
    const v = view({}, { sitePrefix: '/sales/' });
    expect(v.navHref('next', v.teamPage('T'))).toBe('/sales/nav/2026-11-26/next/team/T/');
    expect(v.aeHref('A')).toBe('/sales/v/2026-11-26/ae/A/');
  });

  it('knows how much of the quarter has passed', () => {
    // Oct 1 .. Nov 26 is 57 of 92 days
    expect(view().quarterElapsedPct()).toBeCloseTo((57 / 92) * 100, 6);
  });
});
