import { describe, expect, it } from 'vitest';
import { AsOfError } from '../../../functions/as-of.ts';
import { PARAMS_PLACEHOLDER, paramsCte, runParams, withParams } from '../../../functions/compute/params.ts';
import { resolveConfig } from '../../../functions/config.ts';

const config = resolveConfig({ qualifiedLeadStatuses: ['Qualified', "Rep's pick", 'Qualified'], visitEventTypes: [] });

describe('runParams', () => {
  it('takes the config lists (once each) and the 16 periods of as_of', () => {
    const params = runParams(config, '2024-02-29');
    expect(params).toMatchObject({
      asOf: '2024-02-29',
      fiscalYearStartMonth: 1,
      qualifiedLeadStatuses: ['Qualified', "Rep's pick"],
      visitEventTypes: [],
      closedStages: ['Closed Won', 'Closed Lost'],
    });
    expect(params.periods).toHaveLength(16);
  });

  it.each(['2024-02-30', 'today', "2024-01-01' OR '1"])('rejects the as-of date %j', (asOf) => {
    expect(() => runParams(config, asOf)).toThrow(AsOfError);
  });

  it('rejects a list that is not strings', () => {
    expect(() => runParams({ ...config, closedStages: [1 as unknown as string] }, '2024-02-29')).toThrow(/closedStages/);
  });
});

describe('paramsCte', () => {
  const cte = paramsCte(runParams(config, '2024-02-29'));

  it('defines the parameter relations, each followed by a comma, on one line', () => {
    expect(cte).not.toContain('\n');
    expect([...cte.matchAll(/(\w+) AS \(SELECT/g)].map((m) => m[1])).toEqual([
      'run_params',
      'periods',
      'qualified_statuses',
      'visit_types',
      'closed_stages',
      'coaching_thresholds',
    ]);
    expect(cte.trimEnd().endsWith(',')).toBe(true);
  });

  it('writes dates as DATE literals and quotes strings', () => {
    expect(cte).toContain("(DATE '2024-02-29', 1)");
    expect(cte).toContain(
      "('month', DATE '2024-02-01', DATE '2024-02-29', DATE '2024-02-29', DATE '2024-01-31', DATE '2024-01-01', DATE '2024-01-31', TRUE, FALSE)",
    );
    expect(cte).toContain("('Rep''s pick')");
  });

  it('passes the coaching thresholds as one row of DOUBLEs named in snake_case', () => {
    expect(cte).toContain('coaching_thresholds AS (SELECT * FROM (VALUES (CAST(15 AS DOUBLE), CAST(5 AS DOUBLE), ');
    expect(cte).toContain('CAST(0.7 AS DOUBLE)');
    expect(cte).toContain('(behind_pace_points, win_rate_min_closed, win_rate_points, coverage_min, hygiene_deals,');
  });

  it('makes an empty list an empty relation (VALUES cannot be empty)', () => {
    expect(cte).toContain('visit_types AS (SELECT CAST(NULL AS VARCHAR) AS event_type FROM (VALUES (0)) AS t (x) WHERE 1 = 0)');
  });
});

describe('withParams', () => {
  const params = runParams(config, '2024-02-29');

  it('replaces the placeholder right after WITH and keeps the lines of the file', () => {
    const sql = `WITH ${PARAMS_PLACEHOLDER}\nx AS (SELECT as_of FROM run_params)\nSELECT * FROM x`;
    const out = withParams(sql, params);
    expect(out.startsWith(`WITH ${paramsCte(params)}\nx AS`)).toBe(true);
    expect(out.split('\n')).toHaveLength(3);
  });

  it('returns a file without the placeholder as it is', () => {
    expect(withParams('SELECT 1', params)).toBe('SELECT 1');
  });

  it('refuses a file with the placeholder twice', () => {
    expect(() => withParams(`${PARAMS_PLACEHOLDER} ${PARAMS_PLACEHOLDER}`, params, 'kpis/x.sql')).toThrow(/kpis\/x.sql/);
  });
});
