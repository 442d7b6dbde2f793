import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runParams, withParams } from '../../../functions/compute/params.ts';
import { definePortableFunctions } from '../../../functions/compute/portable-sql.ts';
import { resolveConfig } from '../../../functions/config.ts';
import { DuckDbEngine } from '../../../functions/engine/duckdb.ts';
import { SQL_DIR } from '../../../functions/engine/sql-files.ts';

// sql/insights/coaching_signals.sql on hand-made inputs, each signal at and
// around its threshold. Q2 2024 runs 1 April … 30 June (91 days); on 15 May
// 45 days are gone: pace threshold 45 / 91 × 100 − 15 = 34.4505…
// Team T: A1 … A4 active, A6 inactive; A5 has no team (peer group: the org);
// team U has one AE, A7.
const QS = '2024-04-01';
const INPUTS = `
CREATE TABLE entity_info AS SELECT * FROM (VALUES
  ('ae', 'A1', 'T', TRUE), ('ae', 'A2', 'T', TRUE), ('ae', 'A3', 'T', TRUE), ('ae', 'A4', 'T', TRUE),
  ('ae', 'A5', NULL, TRUE), ('ae', 'A6', 'T', FALSE), ('ae', 'A7', 'U', TRUE),
  ('team', 'T', 'T', TRUE), ('team', 'U', 'U', TRUE), ('org', 'org', NULL, TRUE)
) AS t (level, entity_id, team_id, is_active);
CREATE TABLE kpi_values AS SELECT 'quota_attainment_pct' AS kpi, 'ae' AS level, entity_id, 'quarter' AS period_type,
  DATE '${QS}' AS period_start, value
FROM (VALUES ('A1', 34.4), ('A2', 34.46), ('A3', CAST(NULL AS DOUBLE)), ('A4', 0), ('A6', 0)) AS t (entity_id, value);
CREATE TABLE kpi_breakdowns AS SELECT 'skill_score_avg' AS kpi, 'ae' AS level, entity_id, 'quarter' AS period_type,
  DATE '${QS}' AS period_start, 'skill' AS dimension, dimension_value, value
FROM (VALUES ('A1', 'negotiation', 59.9), ('A1', 'discovery', 80), ('A1', 'closing', 20.5), ('A2', 'negotiation', 60),
  ('A3', 'discovery', 50)) AS t (entity_id, dimension_value, value);
-- win counts since pqs: team T pools A1 + A2 + A3 + A6 (inactive too), 9 / 20 = 45 %, the org adds A5, 9 / 25 = 36 %
CREATE TABLE coaching_facts AS SELECT * FROM (VALUES
  ('A1', 1.0, 5.0, 5.0, 0.0, CAST(NULL AS VARCHAR)),
  ('A2', 3.0, 4.0, 10.0, 2.0, 'course/1,course/2'),
  ('A3', 4.0, 10.0, 10.0, 1.0, 'course/3'),
  ('A4', 0.0, 0.0, 20.0, 0.0, NULL),
  ('A5', 0.0, 5.0, 2.0, 0.0, NULL),
  ('A6', 1.0, 1.0, 0.0, 0.0, NULL),
  ('A7', 0.0, 0.0, 0.0, 0.0, NULL)
) AS t (ae_id, won, closed, activities, overdue, overdue_courses);
CREATE TABLE deals AS SELECT * FROM (VALUES
  ('A1', 'D13', TRUE, 1, 100.0), ('A1', 'D11', TRUE, 2, 100.0), ('A1', 'D12', TRUE, 1, 100.0), ('A1', 'D14', FALSE, 1, 100.0),
  ('A2', 'D21', TRUE, 1, 200.0), ('A2', 'D22', TRUE, 1, 100.0), ('A2', 'D23', TRUE, 0, 700.0),
  ('A3', 'D31', TRUE, 1, 200.0), ('A3', 'D32', TRUE, 1, 99.0), ('A3', 'D33', TRUE, 0, 701.0),
  ('A4', 'D41', TRUE, 1, 0.0)
) AS t (owner_id, opportunity_id, is_open, risk_count, amount);
CREATE TABLE forecast_calls AS SELECT 'ae' AS level, entity_id, period_start, coverage, forecast_bias_pct FROM (VALUES
  ('A1', DATE '${QS}', 1.99, NULL), ('A2', DATE '${QS}', 2.0, NULL), ('A3', DATE '${QS}', NULL, NULL),
  ('A1', DATE '2023-07-01', NULL, 30.0), ('A1', DATE '2023-10-01', NULL, -25.1), ('A1', DATE '2024-01-01', NULL, NULL),
  ('A2', DATE '2023-07-01', NULL, 26.0), ('A2', DATE '2023-10-01', NULL, 25.0), ('A2', DATE '2024-01-01', NULL, -10.0)
) AS t (entity_id, period_start, coverage, forecast_bias_pct);
`;

interface Signal {
  ae_id: string;
  signal: string;
  layer: string;
  value: number;
  threshold: number;
  evidence: string;
}

let engine: DuckDbEngine;
let sql: string;

beforeAll(async () => {
  engine = await DuckDbEngine.open();
  await definePortableFunctions(engine);
  for (const statement of INPUTS.split(';').filter((s) => s.trim())) await engine.exec(statement);
  sql = await readFile(join(SQL_DIR, 'insights', 'coaching_signals.sql'), 'utf8');
});

afterAll(async () => {
  await engine?.close();
});

async function signals(asOf: string, coaching: Record<string, number> = {}): Promise<Signal[]> {
  const params = runParams(resolveConfig({ coaching }), asOf);
  const rows = await engine.query<Signal & { as_of: string; team_id: string | null }>(
    `SELECT CAST(as_of AS VARCHAR) AS as_of, ae_id, team_id, signal, layer, value, threshold, evidence FROM (${withParams(sql, params)}) AS s`,
  );
  expect(rows.every((r) => r.as_of === asOf)).toBe(true);
  return rows.map(({ ae_id, signal, layer, value, threshold, evidence }) => ({
    ae_id,
    signal,
    layer,
    value: Math.round(value * 1e6) / 1e6,
    threshold: Math.round(threshold * 1e6) / 1e6,
    evidence,
  }));
}

const of = (rows: Signal[], signal: string) => rows.filter((r) => r.signal === signal);

describe('coaching_signals on 15 May', () => {
  let rows: Signal[];
  beforeAll(async () => {
    rows = await signals('2024-05-15');
  });

  it('behind_pace: attainment below elapsed × 100 − 15; not at 34.46, not without a quota, never for an inactive AE', () => {
    const pace = Math.round((4500 / 91 - 15) * 1e6) / 1e6;
    expect(of(rows, 'behind_pace')).toEqual([
      { ae_id: 'A1', signal: 'behind_pace', layer: 'results', value: 34.4, threshold: pace, evidence: 'quota_attainment_pct' },
      { ae_id: 'A4', signal: 'behind_pace', layer: 'results', value: 0, threshold: pace, evidence: 'quota_attainment_pct' },
    ]);
  });

  it('low_win_rate: ≥ 5 closed and below the group’s pooled rate − 10; the org is the group of an AE without a team', () => {
    expect(of(rows, 'low_win_rate')).toEqual([
      // 20 % against team T's 45 % − 10; A2 (75 %, 4 closed) and A3 (40 % > 35 %) are not flagged
      { ae_id: 'A1', signal: 'low_win_rate', layer: 'results', value: 20, threshold: 35, evidence: 'win_rate_pct' },
      { ae_id: 'A5', signal: 'low_win_rate', layer: 'results', value: 0, threshold: 26, evidence: 'win_rate_pct' },
    ]);
  });

  it('thin_pipeline: coverage below 2.0; not at 2.0, not once the quota is met (coverage NULL)', () => {
    expect(of(rows, 'thin_pipeline')).toEqual([
      { ae_id: 'A1', signal: 'thin_pipeline', layer: 'pipeline', value: 1.99, threshold: 2, evidence: 'coverage' },
    ]);
  });

  it('deal_hygiene: 3 flagged open deals, else a flagged share of at least 30 %; closed deals and an empty pipeline never', () => {
    expect(of(rows, 'deal_hygiene')).toEqual([
      { ae_id: 'A1', signal: 'deal_hygiene', layer: 'pipeline', value: 3, threshold: 3, evidence: 'D11,D12,D13' },
      // 300 of 1,000 exactly; A3's 299 of 1,000 is not enough; A4's open amount is 0
      { ae_id: 'A2', signal: 'deal_hygiene', layer: 'pipeline', value: 30, threshold: 30, evidence: 'D21,D22' },
    ]);
  });

  it('forecast_bias: |bias| above 25 % in 2 of the 3 quarters before Q; 25 % itself and NULL do not count', () => {
    expect(of(rows, 'forecast_bias')).toEqual([
      { ae_id: 'A1', signal: 'forecast_bias', layer: 'pipeline', value: 2, threshold: 2, evidence: '2023-07-01,2023-10-01' },
    ]);
  });

  it('low_activity: below 70 % of the median of the group’s active AEs; a team of one never flags its AE', () => {
    expect(of(rows, 'low_activity')).toEqual([
      // team T's active AEs: 5, 10, 10, 20 → median 10 (A6 inactive is left out)
      { ae_id: 'A1', signal: 'low_activity', layer: 'effort', value: 5, threshold: 7, evidence: 'activities' },
      // the org's active AEs: 0, 2, 5, 10, 10, 20 → median 7.5
      { ae_id: 'A5', signal: 'low_activity', layer: 'effort', value: 2, threshold: 5.25, evidence: 'activities' },
    ]);
  });

  it('skill_gap: the lowest latest score below 60 with the skills below it; else overdue courses; 60 itself is no gap', () => {
    expect(of(rows, 'skill_gap')).toEqual([
      { ae_id: 'A1', signal: 'skill_gap', layer: 'skills', value: 20.5, threshold: 60, evidence: 'closing,negotiation' },
      { ae_id: 'A2', signal: 'skill_gap', layer: 'skills', value: 2, threshold: 1, evidence: 'course/1,course/2' },
      // a low score comes first: A3's overdue course is not the evidence
      { ae_id: 'A3', signal: 'skill_gap', layer: 'skills', value: 50, threshold: 60, evidence: 'discovery' },
    ]);
  });

  it('lists each AE’s signals by layer: results → pipeline → effort → skills, and only for active AEs', () => {
    expect(rows.filter((r) => r.ae_id === 'A1').map((r) => r.signal)).toEqual([
      'behind_pace',
      'low_win_rate',
      'thin_pipeline',
      'deal_hygiene',
      'forecast_bias',
      'low_activity',
      'skill_gap',
    ]);
    expect(rows.some((r) => r.ae_id === 'A6' || r.ae_id === 'A7')).toBe(false);
  });
});

describe('coaching_signals: pace on the first and last day of the quarter, and thresholds from the config', () => {
  it('on the first day nobody is behind: the threshold is 1 / 91 × 100 − 15 < 0', async () => {
    expect(of(await signals('2024-04-01'), 'behind_pace')).toEqual([]);
  });

  it('on the last day the threshold is 85', async () => {
    expect(of(await signals('2024-06-30'), 'behind_pace').map((r) => [r.ae_id, r.value, r.threshold])).toEqual([
      ['A1', 34.4, 85],
      ['A2', 34.46, 85],
      ['A4', 0, 85],
    ]);
  });

  it('follows coaching in scorecard.config.json', async () => {
    const rows = await signals('2024-05-15', { coverageMin: 2.5, hygieneDeals: 4, activityShare: 0.5 });
    expect(of(rows, 'thin_pipeline').map((r) => [r.ae_id, r.threshold])).toEqual([
      ['A1', 2.5],
      ['A2', 2.5],
    ]);
    // A1's 3 flagged deals are 300 of 300 open: 100 % ≥ 30 %
    expect(of(rows, 'deal_hygiene').map((r) => [r.ae_id, r.value, r.threshold])).toEqual([
      ['A1', 100, 30],
      ['A2', 30, 30],
    ]);
    expect(of(rows, 'low_activity').map((r) => [r.ae_id, r.threshold])).toEqual([['A5', 3.75]]);
  });
});
