import { describe, expect, it } from 'vitest';
import { DEFAULT_COACHING } from '../../../functions/coaching-config.ts';
import { resolveConfig } from '../../../functions/config.ts';

describe('coaching thresholds in scorecard.config.json', () => {
  it('default to the values of the coaching definitions', () => {
    expect(resolveConfig({}).coaching).toEqual({
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
    });
  });

  it('take a partial override and keep the other defaults', () => {
    const { coaching } = resolveConfig({ coaching: { coverageMin: 3, skillScore: 70 } });
    expect(coaching).toEqual({ ...DEFAULT_COACHING, coverageMin: 3, skillScore: 70 });
  });

  it.each([
    [{ coverageMin: '2' }, /coaching\.coverageMin must be a number/],
    [{ covrageMin: 2 }, /unknown key "coaching\.covrageMin"/],
    [{ activityShare: 70 }, /coaching\.activityShare must be a number from 0 to 1, not 70/],
    [{ hygieneDeals: 2.5 }, /coaching\.hygieneDeals must be a whole number from 1 to 1000/],
    [{ biasQuarters: 4 }, /coaching\.biasQuarters must be a whole number from 1 to 3, not 4/],
    [{ skillScore: -1 }, /coaching\.skillScore must be a number from 0 to 100/],
  ])('rejects %j with a message naming the key', (coaching, message) => {
    expect(() => resolveConfig({ coaching })).toThrow(message);
  });
});
