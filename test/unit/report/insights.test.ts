import { describe, expect, it } from 'vitest';
import { byAttainment, changesSinceLastReport, needsHelp } from '../../../functions/report/insights.ts';
import { SiteView } from '../../../functions/report/view.ts';
import { series, smallSiteData } from '../../fixtures/site/site-data.ts';

// 62 % of the quarter has passed on 2026-11-26: behind pace is below 49.6 % of quota
const data = smallSiteData({
  values: {
    'team:T': {
      win_rate_pct: series([0, 0], [0, 40]),
      coverage_pct: series([0, 0], [0, 60]),
      bookings: series([0, 0], [0, 1000], [null, 600]),
    },
    'ae:A': {
      quota_attainment_pct: series([0, 0], [0, 30]),
      win_rate_pct: series([0, 0], [0, 25]),
      coverage_pct: series([0, 0], [0, 58]),
      training_completion_pct: series([0, 0], [0, 100]),
      bookings: series([0, 0], [0, 300], [null, 300]),
    },
    'ae:B': {
      quota_attainment_pct: series([0, 0], [0, 70]),
      win_rate_pct: series([0, 0], [0, 45]),
      coverage_pct: series([0, 0], [0, 40]),
      training_completion_pct: series([0, 0], [0, 50]),
      bookings: series([0, 0], [0, 700], [null, 300]),
    },
    'ae:C': { quota_attainment_pct: series([0, 0], [0, 0]) },
  },
});
const view = new SiteView(data);
const team = view.entity('team', 'T')!;
const members = view.members('T');

describe('needsHelp', () => {
  it('flags active AEs behind pace, far below the team or short on training, most behind first', () => {
    // Act
    const help = needsHelp(view, team, members);

    // Assess
    expect(help.map((h) => h.ae.id)).toEqual(['A', 'B']);
    expect(help[0]?.reasons).toEqual(['30% of quota with 62% of the quarter gone', "win rate 25% against the team's 40%"]);
    expect(help[1]?.reasons).toEqual([
      "territory coverage 40% against the team's 60%",
      'only 50% of training due was completed on time',
    ]);
  });
});

describe('changesSinceLastReport', () => {
  it("lists the KPIs that moved and the AEs' new bookings, biggest first", () => {
    const { kpis, bookings } = changesSinceLastReport(view, team, members.filter((e) => e.isActive));
    expect(kpis.map((k) => [k.kpi, k.change.text])).toEqual([['bookings', '+$400']]);
    expect(bookings.map((b) => [b.ae.id, b.change.text])).toEqual([['B', '+$400']]);
  });
});

describe('byAttainment', () => {
  it('puts the best first and those without a quota last', () => {
    expect(byAttainment(view, view.data.entities.filter((e) => e.level === 'ae')).map((e) => e.id)).toEqual(['B', 'A', 'C', 'D']);
  });
});
