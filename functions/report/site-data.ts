import { readFileSync } from 'node:fs';
import type { Locale } from '../config.ts';
import type { FileStatus } from '../lake/ingest-report.ts';
import type { Level } from '../lake/entity.ts';

/**
 * The one data file a site build renders from: everything the pages of one
 * version show, read from that version's KPI tables once (no page runs a
 * query). Written by `publishVersion`, read by the Astro pages.
 */
export interface SiteData {
  asOf: string;
  /** the version this one's changes are measured against, if any */
  previousAsOf: string | null;
  locale: Locale;
  currency: string;
  /** the path the site is served under, e.g. `/` or `/reports/`; every link starts with it */
  sitePrefix: string;
  /** when the build ran (ISO timestamp) */
  builtAt: string;
  /** the 12 months of the report, oldest first; the last holds as_of */
  months: Period[];
  /** the 4 quarters of the report, oldest first; the last holds as_of */
  quarters: Period[];
  entities: Entity[];
  /** `values[entityKey(level, id)][kpi]` */
  values: Record<string, Record<string, KpiSeries>>;
  /**
   * `breakdowns[entityKey(level, id)]`: the current month's and quarter's
   * rows of each dimension but `stage`; of `stage`, the `open_pipeline`
   * rows of every quarter of `quarters` (the chart of pipeline by stage)
   */
  breakdowns: Record<string, BreakdownRow[]>;
  quality: DataQuality;
}

export type { Level } from '../lake/entity.ts';
export type PeriodType = 'month' | 'quarter';

export interface Period {
  start: string;
  /** the period's last day, or as_of for the period still running */
  end: string;
  /** whether as_of falls before the period's last day */
  running: boolean;
}

export interface Entity {
  level: Level;
  id: string;
  name: string;
  email: string | null;
  managerId: string | null;
  isActive: boolean;
  /** an AE's team (its manager's id) when the manager leads a team */
  teamId: string | null;
}

export interface KpiSeries {
  /** value per month of `months` (null = undefined or no row) */
  month: (number | null)[];
  /** value per quarter of `quarters` */
  quarter: (number | null)[];
  /** the previous version's value of the current month (same period start), null when it had none */
  prevVersionMonth: number | null;
  /** likewise for the current quarter */
  prevVersionQuarter: number | null;
}

export interface BreakdownRow {
  period: PeriodType;
  /** the period's first day: the current period's, but for `stage` rows, which are of every quarter */
  start: string;
  kpi: string;
  dimension: string;
  dimensionValue: string;
  value: number | null;
}

export interface DataQuality {
  /** the ingest reports of the drops behind the version, oldest first */
  drops: DropQuality[];
  /** the date of the newest drop, if its id starts with one */
  newestDrop: string | null;
}

export interface DropQuality {
  drop: string;
  /** the date the drop id starts with (`2026-11-26`, `2026-11-26T0200Z`), if any */
  date: string | null;
  files: FileQuality[];
  /** set when the report itself could not be read */
  unreadable: string | null;
}

export interface FileQuality {
  file: string;
  table: string | null;
  status: FileStatus;
  read: number;
  loaded: number;
  quarantined: number;
  rejected: { reason: string; hint: string } | null;
  /** the quarantined sample rows' reasons, most frequent first, with their lines */
  reasons: { reason: string; column: string; count: number; lines: number[] }[];
  /** how many quarantined rows the reasons are taken from (the report keeps the first few) */
  sampled: number;
  /** where all quarantined rows are, in the lake */
  quarantineKey: string | null;
}

// `values` and `breakdowns` are keyed by the lake's one entity key
export { entityKey } from '../lake/entity.ts';

/**
 * Reads a site data file (the pages read it once per build, through
 * `site/src/data/view.ts`).
 *
 * @example
 * const data = readSiteData('/tmp/scorecard-x/site-data.json'); // data.asOf === '2026-11-26'
 */
export function readSiteData(file: string): SiteData {
  return JSON.parse(readFileSync(file, 'utf8')) as SiteData;
}
