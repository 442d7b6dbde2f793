import type { Locale } from '../../config.ts';
import { en } from './en.ts';
import { th } from './th.ts';

/**
 * Every UI string of the site, one implementation per locale, so a missing
 * translation is a type error. KPI names and definitions live in
 * `../catalog.ts`. Names of people arrive unescaped: the pages render them as
 * text.
 */
export interface Messages {
  /** BCP 47 tag for numbers and dates */
  intlLocale: string;
  siteTitle: string;
  skipToContent: string;
  nav: {
    label: string;
    org: string;
    definitions: string;
    dataQuality: string;
    versions: string;
    latest: string;
    previousVersion: string;
    nextVersion: string;
    versionLinks: string;
    breadcrumb: string;
  };
  asOf(date: string): string;
  builtAt(time: string): string;
  comparedWith(date: string): string;
  firstVersion: string;
  numbersAreLinks: string;
  notAvailable: string;
  /** what screen readers say for a number that is not available */
  notAvailableText: string;
  days: string;
  perDay: string;
  points: string;
  unknown: string;
  inactive: string;
  level: { ae: string; team: string; org: string };
  titles: {
    org: string;
    team(name: string): string;
    ae(name: string): string;
    definitions: string;
    dataQuality: string;
    versions: string;
  };
  period: {
    month: string;
    quarter: string;
    monthToDate(start: string, end: string): string;
    quarterToDate(start: string, end: string): string;
    previousMonth: string;
    previousQuarter: string;
  };
  columns: {
    kpi: string;
    thisMonth: string;
    thisQuarter: string;
    referenceIn(name: string, period: string): string;
    value: string;
    target: string;
    sinceLastReport: string;
    vsPreviousPeriod: string;
    trend: string;
    team: string;
    /** after a team's sum or count divided by its AEs */
    perAe: string;
    /** explains the per-AE values of a team column */
    perAeNote(n: number): string;
    org: string;
    ae: string;
    name: string;
    members: string;
  };
  /** before a KPI's target: "target $29,000" */
  targetWord: string;
  newPeriod: string;
  noChange: string;
  up: string;
  down: string;
  headline: {
    title: string;
    againstQuota: string;
    paceNote(elapsedPct: string): string;
    forecastVsQuota(forecast: string, quota: string): string;
    quarterGone(pct: string): string;
  };
  attention: {
    title: string;
    none: string;
    behindPace(attainment: string, pace: string): string;
    winRateBelowTeam(ae: string, team: string): string;
    coverageBelowTeam(ae: string, team: string): string;
    trainingMissed(pct: string): string;
  };
  changes: {
    title(date: string): string;
    /** the heading when there is no earlier report */
    heading: string;
    none: string;
    noPrevious: string;
    bookingsSince(name: string, change: string): string;
    aeBookings: string;
  };
  leaderboard: { title: string; caption: string; noTeam: string };
  comparison: { title: string; caption: string; sortHint: string; sortBy(column: string): string; formerMembers(n: number): string };
  families: { title: string; caption(family: string, period: string): string };
  charts: {
    title: string;
    showData: string;
    bookingsVsQuota: string;
    bookings: string;
    quota: string;
    month: string;
    quarter: string;
    /** open pipeline by stage, stacked, with forecast and quota, per quarter */
    pipelineByStage: string;
    openPipeline: string;
    forecast: string;
    winRateTrend: string;
    winRate: string;
    retention: string;
    grr: string;
    nrr: string;
    logoChurn: string;
    coverage: string;
    country: string;
    countryState: string;
    accountsOwned: string;
    accountsTouched: string;
    training: string;
    trainingCompletion: string;
    skills: string;
    skill: string;
    skillScore: string;
    series: string;
    value: string;
    noData: string;
    /** a chart's text alternative: what it shows, then its main facts */
    alt(title: string, facts: string): string;
    range(label: string, from: string, to: string): string;
    /** the pipeline chart's main fact: a quarter's open pipeline, then `Stage $n, …` */
    stagesAt(quarter: string, total: string, stages: string): string;
  };
  definitions: { intro: string; direction: string; unit: string; family: string; id: string; units: Record<'currency' | 'currency_per_day' | 'percent' | 'count' | 'days' | 'score' | 'ratio', string>; scoreOutOf(max: number): string; better: { up: string; down: string; neither: string } };
  quality: {
    intro: string;
    freshness: string;
    newestData(date: string, daysBefore: number): string;
    noData: string;
    drop: string;
    ingestedAt: string;
    file: string;
    status: string;
    statuses: Record<import('../../lake/ingest-report.ts').FileStatus, string>;
    read: string;
    loaded: string;
    quarantined: string;
    reason: string;
    lines(list: string, count: number): string;
    quarantineReasons: string;
    more(n: string, key: string): string;
    summary(files: number, loaded: string, quarantined: string, rejected: number): string;
  };
  versions: { title: string; intro: string; newest: string; version: string; publishedAt: string; noVersions: string };
  redirect: { title: string; goingTo: string; noOlder: string; noNewer: string; notInVersion: string };
  ae: { teamLabel(team: string): string; orgOnly: string; comparedWithTeam: string; comparedWithOrg: string };
  team: { members(n: number): string; manager: string };
  org: { teams(n: number): string; aes(n: number): string; aesWithoutTeam: string };
}

const MESSAGES: Record<Locale, Messages> = { en, th };

/**
 * The site's strings in one locale.
 *
 * @example
 * messagesFor('th').nav.versions // 'ทุกเวอร์ชัน'
 */
export function messagesFor(locale: Locale): Messages {
  return MESSAGES[locale];
}
