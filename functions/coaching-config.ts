import { ConfigError } from './errors.ts';

/**
 * The thresholds of `coaching_signals` (`coaching` in scorecard.config.json).
 * Each signal fires when its measure crosses its threshold; the defaults are
 * those of the coaching section of the insight definitions.
 */
export interface CoachingConfig {
  /** behind_pace: attainment below elapsed share of the quarter × 100 minus this many points */
  behindPacePoints: number;
  /** low_win_rate: only with at least this many closed deals since the start of the previous quarter */
  winRateMinClosed: number;
  /** low_win_rate: the AE's win rate below the peer group's minus this many points */
  winRatePoints: number;
  /** thin_pipeline: coverage of the remaining quota below this ratio */
  coverageMin: number;
  /** deal_hygiene: at least this many open deals with a risk flag */
  hygieneDeals: number;
  /** deal_hygiene, else: flagged open amount at least this percent of the AE's open amount */
  hygieneSharePct: number;
  /** forecast_bias: |forecast_bias_pct| above this percent ... */
  biasPct: number;
  /** ... in at least this many of the 3 reported quarters before this one */
  biasQuarters: number;
  /** low_activity: activities below this share (0..1) of the peer group's median ... */
  activityShare: number;
  /** ... counted over this many days ending with D */
  activityDays: number;
  /** skill_gap: a latest skill score below this (0..100) */
  skillScore: number;
}

export const DEFAULT_COACHING: CoachingConfig = {
  behindPacePoints: 15,
  winRateMinClosed: 5,
  winRatePoints: 10,
  coverageMin: 2,
  hygieneDeals: 3,
  hygieneSharePct: 30,
  biasPct: 25,
  biasQuarters: 2,
  activityShare: 0.7,
  activityDays: 28,
  skillScore: 60,
};

/** The allowed range of each threshold, and whether it must be a whole number. */
const RANGES: Record<keyof CoachingConfig, { min: number; max: number; whole?: boolean }> = {
  behindPacePoints: { min: 0, max: 100 },
  winRateMinClosed: { min: 1, max: 1000, whole: true },
  winRatePoints: { min: 0, max: 100 },
  coverageMin: { min: 0, max: 100 },
  hygieneDeals: { min: 1, max: 1000, whole: true },
  hygieneSharePct: { min: 0, max: 100 },
  biasPct: { min: 0, max: 1000 },
  biasQuarters: { min: 1, max: 3, whole: true },
  activityShare: { min: 0, max: 1 },
  activityDays: { min: 1, max: 366, whole: true },
  skillScore: { min: 0, max: 100 },
};

/** Checks every threshold's range (the types are checked with every key of the config). */
export function checkCoaching(coaching: CoachingConfig): void {
  for (const [key, range] of Object.entries(RANGES) as [keyof CoachingConfig, (typeof RANGES)[keyof CoachingConfig]][]) {
    const value = coaching[key];
    const kind = range.whole ? 'a whole number' : 'a number';
    if (!Number.isFinite(value) || value < range.min || value > range.max || (range.whole && !Number.isInteger(value))) {
      throw new ConfigError(
        `coaching.${key} must be ${kind} from ${range.min} to ${range.max}, not ${JSON.stringify(value)}`,
        `the default is ${DEFAULT_COACHING[key]}`,
      );
    }
  }
}
