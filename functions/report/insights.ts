import type { Entity } from './site-data.ts';
import type { ChangeCell, NumberCell, SiteView } from './view.ts';

/** The KPIs of the headline cards, this quarter so far. */
export const HEADLINE_KPIS = ['bookings', 'forecast', 'win_rate_pct', 'open_pipeline', 'coverage_pct', 'nrr_pct'] as const;

/** The columns of the AE comparison table and the team leaderboard, this quarter so far. */
export const COMPARISON_KPIS = [
  'bookings',
  'quota_attainment_pct',
  'forecast',
  'win_rate_pct',
  'open_pipeline',
  'deals_won',
  'activities',
  'coverage_pct',
  'training_completion_pct',
] as const;

export const LEADERBOARD_KPIS = ['bookings', 'quota', 'quota_attainment_pct', 'forecast', 'win_rate_pct', 'open_pipeline'] as const;

export interface HeadlineCard {
  value: NumberCell;
  change: ChangeCell;
  /** quota, where the KPI has one */
  target: NumberCell | null;
  /** bookings or forecast as a share of quota, 0..100 */
  ofTarget: number | null;
}

/**
 * The headline cards of an org or team page: this quarter's key numbers,
 * each with its change since the last report and its quota where one exists.
 *
 * @example
 * headlineCards(view, team)[0]?.value.kpi // 'bookings'
 */
export function headlineCards(view: SiteView, entity: Entity): HeadlineCard[] {
  return HEADLINE_KPIS.map((kpi) => {
    const value = view.cell(entity, kpi, 'quarter');
    const target = view.target(entity, kpi, 'quarter');
    const ofTarget = target?.value && value.value !== null ? (value.value / target.value) * 100 : null;
    return { value, change: view.changeSinceVersion(entity, kpi, 'quarter'), target, ofTarget };
  });
}

export interface Attention {
  ae: Entity;
  attainment: NumberCell;
  /** why, in words, most telling first */
  reasons: string[];
  /** how far behind pace, for the order (points of quota) */
  gap: number;
}

/**
 * The active AEs of a team who need help this quarter: behind the quota pace
 * (attainment below 80 % of the share of the quarter gone), a win rate 10
 * points or more below the team's, coverage 15 points or more below the
 * team's, or training due that was not completed on time. Most behind first.
 *
 * @example
 * needsHelp(view, team).map((a) => a.ae.name) // ['Anan Rattanakul']
 */
export function needsHelp(view: SiteView, team: Entity, members: Entity[]): Attention[] {
  const m = view.m.attention;
  const pace = view.quarterElapsedPct();
  const q = (e: Entity, kpi: string) => view.valueAt(e, kpi, 'quarter');
  const pct = (v: number) => view.f.value(v, 'percent');
  const out: Attention[] = [];
  for (const ae of members.filter((e) => e.isActive)) {
    const reasons: string[] = [];
    const attainment = q(ae, 'quota_attainment_pct');
    if (attainment !== null && attainment < pace * 0.8) reasons.push(m.behindPace(pct(attainment), view.f.percent(pace)));
    const win = q(ae, 'win_rate_pct');
    const teamWin = q(team, 'win_rate_pct');
    if (win !== null && teamWin !== null && win <= teamWin - 10) reasons.push(m.winRateBelowTeam(pct(win), pct(teamWin)));
    const coverage = q(ae, 'coverage_pct');
    const teamCoverage = q(team, 'coverage_pct');
    if (coverage !== null && teamCoverage !== null && coverage <= teamCoverage - 15) {
      reasons.push(m.coverageBelowTeam(pct(coverage), pct(teamCoverage)));
    }
    const training = q(ae, 'training_completion_pct');
    if (training !== null && training < 100) reasons.push(m.trainingMissed(pct(training)));
    if (reasons.length > 0) {
      out.push({ ae, attainment: view.cell(ae, 'quota_attainment_pct', 'quarter'), reasons, gap: pace - (attainment ?? pace) });
    }
  }
  return out.sort((a, b) => b.gap - a.gap || a.ae.name.localeCompare(b.ae.name));
}

export interface ChangeLine {
  kpi: string;
  value: NumberCell;
  change: ChangeCell;
}

/**
 * What moved since the last report, this quarter: the entity's KPIs that
 * changed, in catalog order, and its AEs' new bookings, biggest first.
 *
 * @example
 * changesSinceLastReport(view, team, members).kpis[0]?.change.text // '+$5,000'
 */
export function changesSinceLastReport(
  view: SiteView,
  entity: Entity,
  members: Entity[],
): { kpis: ChangeLine[]; bookings: { ae: Entity; value: NumberCell; change: ChangeCell }[] } {
  const watched = [...new Set([...HEADLINE_KPIS, ...COMPARISON_KPIS, 'deals_won', 'opps_created', 'pipeline_created', 'activities'])];
  const kpis = watched
    .map((kpi) => ({ kpi, value: view.cell(entity, kpi, 'quarter'), change: view.changeSinceVersion(entity, kpi, 'quarter') }))
    .filter((line) => line.change.delta !== null && line.change.delta !== 0);
  const bookings = members
    .map((ae) => ({ ae, value: view.cell(ae, 'bookings', 'quarter'), change: view.changeSinceVersion(ae, 'bookings', 'quarter') }))
    .filter((line) => line.change.delta !== null && line.change.delta !== 0)
    .sort((a, b) => (b.change.delta ?? 0) - (a.change.delta ?? 0));
  return { kpis, bookings };
}

/**
 * Sorts entities by this quarter's quota attainment, best first; those
 * without a quota last, by name.
 */
export function byAttainment(view: SiteView, entities: Entity[]): Entity[] {
  const value = (e: Entity) => view.valueAt(e, 'quota_attainment_pct', 'quarter');
  return [...entities].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null || vb === null) return va === null && vb === null ? a.name.localeCompare(b.name) : va === null ? 1 : -1;
    return vb - va || a.name.localeCompare(b.name);
  });
}
