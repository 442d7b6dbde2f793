import { describe, expect, it } from 'vitest';
import { runParams } from '../../../functions/compute/params.ts';
import { samePointRun, samePointRuns } from '../../../functions/compute/same-point.ts';
import { resolveConfig } from '../../../functions/config.ts';

const runs = (asOf: string, fiscalYearStartMonth = 1) =>
  samePointRuns(runParams(resolveConfig({ fiscalYearStartMonth }), asOf)).map((run) => ({
    asOf: run.asOf,
    periods: run.periods.map((p) => `${p.type} ${p.start}..${p.end} complete=${p.isComplete} ended=${p.hasEnded}`),
  }));

describe('samePointRuns: a run as of pe′ for each period type still running', () => {
  it('mid-month and mid-quarter: the same number of days into the previous month and quarter', () => {
    expect(runs('2026-11-26')).toEqual([
      { asOf: '2026-10-26', periods: ['month 2026-10-01..2026-10-26 complete=false ended=false'] },
      // Oct 1 + 56 days
      { asOf: '2026-08-26', periods: ['quarter 2026-07-01..2026-08-26 complete=false ended=false'] },
    ]);
  });

  it('stops at the end of a shorter previous period', () => {
    // 30 March: 29 days into March, but February 2024 has only 29 days (Feb 1 + 29 days is March 1)
    expect(runs('2024-03-30')[0]).toEqual({ asOf: '2024-02-29', periods: ['month 2024-02-01..2024-02-29 complete=true ended=false'] });
  });

  it('needs no run for a complete period: on a month end only the quarter, on a quarter end none', () => {
    expect(runs('2024-05-31')).toEqual([
      // April 1 + 60 days = May 31 in Q2; in Q1, Jan 1 + 60 days = March 1
      { asOf: '2024-03-01', periods: ['quarter 2024-01-01..2024-03-01 complete=false ended=false'] },
    ]);
    expect(runs('2026-06-30')).toEqual([]);
  });

  it('follows the fiscal year for quarters only', () => {
    // fiscal quarters from February: 2024-02-01 .. 2024-04-30 contains 2024-02-10; the one before starts 2023-11-01
    expect(runs('2024-02-10', 2)).toEqual([
      { asOf: '2024-01-10', periods: ['month 2024-01-01..2024-01-10 complete=false ended=false'] },
      { asOf: '2023-11-10', periods: ['quarter 2023-11-01..2023-11-10 complete=false ended=false'] },
    ]);
  });
});

describe('samePointRun: the runs as one, over both P′ periods', () => {
  it('keeps each period as its own calendar gives it, as of the later pe′', () => {
    const run = samePointRun(runParams(resolveConfig({}), '2024-03-30'));
    expect(run?.asOf).toBe('2024-02-29');
    expect(run?.periods.map((p) => `${p.type} ${p.start}..${p.end} complete=${p.isComplete} ended=${p.hasEnded}`)).toEqual([
      'month 2024-02-01..2024-02-29 complete=true ended=false',
      'quarter 2023-10-01..2023-12-29 complete=false ended=false',
    ]);
  });

  it('is undefined when no period is running', () => {
    expect(samePointRun(runParams(resolveConfig({}), '2026-06-30'))).toBeUndefined();
  });
});
