import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeVersion } from '../../../functions/compute/compute.ts';
import { resolveConfig } from '../../../functions/config.ts';
import type { StageContext } from '../../../functions/context.ts';
import { DuckDbEngine } from '../../../functions/engine/duckdb.ts';
import { quoteLiteral } from '../../../functions/engine/engine.ts';
import { ingestDrop, landDrop } from '../../../functions/ingest/ingest.ts';
import { memoryLog } from '../../../functions/log.ts';
import { FsStore } from '../../../functions/store/fs.ts';
import { SMALL_ORG, writeDrop } from './small-org.ts';

// Every expected number below is worked out by hand from small-org.ts.
const AS_OF = '2024-02-29';
const FEB = '2024-02-01';
const JAN = '2024-01-01';
const DEC = '2023-12-01';
const Q1 = '2024-01-01';

interface Row {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

let workspace: string;
let engine: DuckDbEngine;

beforeAll(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'compute-edge-'));
  const ctx: StageContext = {
    config: resolveConfig({ workspace }),
    store: new FsStore(workspace),
    log: memoryLog(),
    scratch: join(workspace, 'scratch'),
  };
  await writeDrop(join(workspace, 'drop'), SMALL_ORG);
  await landDrop(ctx, join(workspace, 'drop'), AS_OF);
  const report = await ingestDrop(ctx, AS_OF);
  expect(report.files.filter((f) => f.status !== 'loaded')).toEqual([]);
  await computeVersion(ctx, AS_OF);
  // the same lake as of a day in the middle of February: February to date
  await computeVersion(ctx, '2024-02-20');
  engine = await DuckDbEngine.open();
  for (const table of ['kpi_values', 'kpi_breakdowns', 'entities']) {
    const glob = join(workspace, 'kpi', table, '*', '*.parquet');
    await engine.exec(`CREATE VIEW ${table} AS SELECT * FROM read_parquet(${quoteLiteral(glob)})`);
  }
});

afterAll(async () => {
  await engine?.close();
  await rm(workspace, { recursive: true, force: true });
});

const levelOf = (entity: string) => (entity === 'org' ? 'org' : entity === '005M' ? 'team' : 'ae');

async function kpi(kpiId: string, entity: string, start: string, type = 'month', asOf = AS_OF): Promise<Row | undefined> {
  const rows = await engine.query<Row>(`
    SELECT value, numerator, denominator FROM kpi_values
    WHERE as_of = DATE ${quoteLiteral(asOf)} AND kpi = ${quoteLiteral(kpiId)} AND level = ${quoteLiteral(levelOf(entity))}
      AND entity_id = ${quoteLiteral(entity)} AND period_type = ${quoteLiteral(type)} AND period_start = DATE ${quoteLiteral(start)}`);
  expect(rows.length, `${kpiId} ${entity} ${type} ${start}`).toBe(1);
  return rows[0];
}

const row = (value: number | null, numerator: number | null = null, denominator: number | null = null): Row => ({
  value,
  numerator,
  denominator,
});

function expectRow(actual: Row | undefined, expected: Row): void {
  expect(actual).toBeDefined();
  for (const key of ['value', 'numerator', 'denominator'] as const) {
    const want = expected[key];
    if (want === null) expect(actual?.[key], key).toBeNull();
    else expect(actual?.[key], key).toBeCloseTo(want, 9);
  }
}

describe('who gets rows', () => {
  it('makes AEs of opportunity or quota owners who manage nobody, a team of their manager, and the org', async () => {
    const entities = await engine.query(`
      SELECT level, entity_id, name, manager_id, is_active, team_id FROM entities
      WHERE as_of = DATE '${AS_OF}' ORDER BY level, entity_id`);
    expect(entities).toEqual([
      { level: 'ae', entity_id: '005A1', name: 'Ann', manager_id: '005M', is_active: true, team_id: '005M' },
      { level: 'ae', entity_id: '005A2', name: 'Bea', manager_id: '005M', is_active: true, team_id: '005M' },
      // no manager: in the org only; inactive AEs keep their rows
      { level: 'ae', entity_id: '005A3', name: 'Cy', manager_id: null, is_active: false, team_id: null },
      { level: 'org', entity_id: 'org', name: 'Organisation', manager_id: null, is_active: true, team_id: null },
      // the VP manages no AE and the SDR owns no opportunity: neither has rows
      { level: 'team', entity_id: '005M', name: 'Em', manager_id: '005V', is_active: true, team_id: '005M' },
    ]);
  });

  it('gives every KPI one row per entity and period: 49 × 5 × 16', async () => {
    const [count] = await engine.query<{ n: number }>(
      `SELECT CAST(count(*) AS INTEGER) AS n FROM kpi_values WHERE as_of = DATE '${AS_OF}'`,
    );
    expect(count?.n).toBe(49 * 5 * 16);
  });
});

describe('families 1, 2, 6: closed deals (a leap-day close, a deleted deal, a deal closed before it was created)', () => {
  it.each<[string, string, string, Row, string?]>([
    // O1 closes on the leap day, O6 on Feb 20; the deleted O4 (99,999) never counts
    ['bookings', '005A1', FEB, row(1700)],
    ['bookings', '005M', FEB, row(1700)],
    ['bookings', 'org', FEB, row(2000)],
    ['bookings', '005A1', Q1, row(2100), 'quarter'],
    // February is complete on its last day: P′ is all of January (400)
    ['bookings_growth_pct', '005A1', FEB, row(325, 1300, 400)],
    ['bookings_growth_pct', '005A1', JAN, row(-80, -1600, 2000)],
    // nothing booked in November: no growth, but its parts are written
    ['bookings_growth_pct', '005A1', DEC, row(null, 2000, 0)],
    // Q1 runs to Feb 29 (59 days): P′ = Oct 1 .. Nov 29, with nothing booked
    ['bookings_growth_pct', '005A1', Q1, row(null, 2100, 0), 'quarter'],
    ['deals_won', '005A1', FEB, row(2)],
    ['avg_deal_size', '005A1', FEB, row(850, 1700, 2)],
    ['avg_deal_size', '005A2', FEB, row(null, 0, 0)],
    // A1 has no quota: a zero denominator; A2's quota counts whole in the quarter to date
    ['quota', '005A1', FEB, row(0)],
    ['quota_attainment_pct', '005A1', FEB, row(null, 1700, 0)],
    ['quota', '005A2', Q1, row(10000), 'quarter'],
    ['quota_attainment_pct', '005A2', FEB, row(0, 0, 5000)],
    ['quota_attainment_pct', '005M', FEB, row(34, 1700, 5000)],
    ['time_to_close_days', '005A1', FEB, row(20, 40, 2)],
    ['sales_cycle_days', '005A1', FEB, row(49 / 3, 49, 3)],
    // O5 closed five days before it was created: kept negative
    ['time_to_close_days', '005A3', FEB, row(-5, -5, 1)],
    ['time_to_close_days', 'org', FEB, row(35 / 3, 35, 3)],
    ['sales_cycle_days', 'org', FEB, row(11, 44, 4)],
    ['activities', '005A1', FEB, row(4)],
    ['activities_per_deal_won', '005A1', FEB, row(2, 4, 2)],
    ['activities_per_deal_won', '005A2', FEB, row(null, 0, 0)],
  ])('%s of %s for %s', async (id, entity, start, expected, type) => {
    expectRow(await kpi(id, entity, start, type), expected);
  });

  it('counts to date for a period still running (as of Feb 20, compared with Jan 1 .. Jan 20)', async () => {
    expectRow(await kpi('bookings', '005A1', FEB, 'month', '2024-02-20'), row(700));
    expectRow(await kpi('bookings_growth_pct', '005A1', FEB, 'month', '2024-02-20'), row(75, 300, 400));
    // the same lake as of Feb 29 is a different version, computed independently
    expectRow(await kpi('bookings', '005A1', FEB), row(1700));
  });
});

describe('family 3: pipeline, leads and the state at a past date', () => {
  it.each<[string, string, string, Row, string?]>([
    ['leads_created', '005A1', FEB, row(3)],
    // created 23:59:59 on the leap day: counts in February
    ['qualified_leads', '005A1', FEB, row(3)],
    // converted without an opportunity is qualified but not a conversion
    ['lead_conversion_pct', '005A1', FEB, row(100 / 3, 1, 3)],
    ['lead_conversion_pct', '005A1', JAN, row(0, 0, 1)],
    // the SDR's lead counts nowhere
    ['leads_created', 'org', JAN, row(1)],
    ['opps_created', '005A1', FEB, row(3)],
    ['pipeline_created', '005A1', FEB, row(1200)],
    ['opps_created', 'org', FEB, row(4)],
    ['win_rate_pct', '005A1', FEB, row(200 / 3, 2, 3)],
    ['win_rate_pct', '005A2', FEB, row(null, 0, 0)],
    // at Jan 31 O1 is open with its history amount; at Feb 29 it is won (history at 12:00 that day)
    ['open_pipeline', '005A1', JAN, row(1000)],
    // two history rows at the same instant: the greater Id (600) wins over the current Amount (500)
    ['open_pipeline', '005A1', FEB, row(600)],
    ['open_opps', '005A1', FEB, row(1)],
    ['avg_open_deal_value', '005A1', FEB, row(600, 600, 1)],
    ['open_pipeline', '005A1', '2023-11-01', row(2000)],
    ['avg_open_deal_value', '005A2', FEB, row(null, 0, 0)],
    // open at Jan 31: O1 → 1 × 2/3 × 850 / (49/3)
    ['pipeline_velocity', '005A1', FEB, row(1700 / 49)],
    // nothing open at Dec 31: velocity 0, not NULL
    ['pipeline_velocity', '005A1', JAN, row(0)],
    ['pipeline_velocity', '005A1', DEC, row(2000 / 44)],
    ['pipeline_velocity', '005A2', FEB, row(null)],
  ])('%s of %s for %s', async (id, entity, start, expected, type) => {
    expectRow(await kpi(id, entity, start, type), expected);
  });

  it('splits open pipeline and open opportunities by the stage of the state at pe, for every level', async () => {
    // A1 alone has opportunities with history: A1's team and the org pool the same ones (O5 of A3 has none)
    const a1 = [
      // Nov 30: O0 in Prospecting at 2000; Dec 31: nothing open (O0 won Dec 15, O1 not created yet)
      'month 2023-11-01 Prospecting 2000 1',
      // Jan 31: O1 in Prospecting at 1000 (O7 won Jan 15)
      'month 2024-01-01 Prospecting 1000 1',
      // Feb 29: O1 won at 12:00; O3's two rows share an instant and the greater Id (Qualification, 600) is its state
      'month 2024-02-01 Qualification 600 1',
      'quarter 2024-01-01 Qualification 600 1',
    ];
    const of = (entity: string) => a1.map((line) => `${entity} ${line}`);
    expect(await stageLines(engine, AS_OF)).toEqual([...of('005A1'), ...of('005M'), ...of('org')].sort());
  });

  it('splits a period to date at its own pe: two stages open on Feb 20', async () => {
    const lines = await stageLines(engine, '2024-02-20');
    // O1 still in Prospecting (won only on Feb 29), O3 in Qualification since Feb 15
    expect(lines.filter((line) => line.startsWith('005A1 month 2024-02-01 '))).toEqual([
      '005A1 month 2024-02-01 Prospecting 1000 1',
      '005A1 month 2024-02-01 Qualification 600 1',
    ]);
    expectRow(await kpi('open_pipeline', '005A1', FEB, 'month', '2024-02-20'), row(1600));
    expectRow(await kpi('open_opps', '005A1', FEB, 'month', '2024-02-20'), row(2));
  });
});

/**
 * Every stage row of a version, `entity type start stage open_pipeline
 * open_opps`, sorted; fails if a stage row has no partner of the other KPI.
 */
async function stageLines(on: DuckDbEngine, asOf: string): Promise<string[]> {
  const rows = await on.query<{ kpi: string; entity_id: string; period_type: string; period: string; stage: string; value: number }>(`
    SELECT kpi, entity_id, period_type, CAST(period_start AS VARCHAR) AS period, dimension_value AS stage, value
    FROM kpi_breakdowns WHERE as_of = DATE ${quoteLiteral(asOf)} AND dimension = 'stage'`);
  const key = (r: (typeof rows)[number]) => `${r.entity_id} ${r.period_type} ${r.period} ${r.stage}`;
  const opps = new Map(rows.filter((r) => r.kpi === 'open_opps').map((r) => [key(r), r.value]));
  const pipeline = rows.filter((r) => r.kpi === 'open_pipeline');
  expect(pipeline.length + opps.size).toBe(rows.length);
  expect([...opps.keys()].sort()).toEqual(pipeline.map(key).sort());
  return pipeline.map((r) => `${key(r)} ${r.value} ${opps.get(key(r))}`).sort();
}

describe('a history row without a stage', () => {
  let other: DuckDbEngine;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'compute-edge-stage-'));
    const ctx: StageContext = {
      config: resolveConfig({ workspace: dir }),
      store: new FsStore(dir),
      log: memoryLog(),
      scratch: join(dir, 'scratch'),
    };
    // O3 moves on Feb 27 to a row with an empty StageName, 650 at 30 %: still open (not a closed stage)
    const history = `${SMALL_ORG['crm/OpportunityHistory.csv']}008H10,006O3,2024-02-27T08:00:00Z,,650,2024-03-20,30\n`;
    await writeDrop(join(dir, 'drop'), { ...SMALL_ORG, 'crm/OpportunityHistory.csv': history });
    await landDrop(ctx, join(dir, 'drop'), AS_OF);
    const report = await ingestDrop(ctx, AS_OF);
    expect(report.files.filter((f) => f.status !== 'loaded')).toEqual([]);
    await computeVersion(ctx, AS_OF);
    other = await DuckDbEngine.open();
    for (const table of ['kpi_values', 'kpi_breakdowns']) {
      const glob = join(dir, 'kpi', table, '*', '*.parquet');
      await other.exec(`CREATE VIEW ${table} AS SELECT * FROM read_parquet(${quoteLiteral(glob)})`);
    }
  });

  afterAll(async () => {
    await other?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('counts the opportunity as open, in the stage Unknown', async () => {
    const lines = await stageLines(other, AS_OF);
    expect(lines.filter((line) => line.startsWith('005A1 '))).toEqual([
      '005A1 month 2023-11-01 Prospecting 2000 1',
      '005A1 month 2024-01-01 Prospecting 1000 1',
      '005A1 month 2024-02-01 Unknown 650 1',
      '005A1 quarter 2024-01-01 Unknown 650 1',
    ]);
    const [open] = await other.query<{ value: number }>(`
      SELECT value FROM kpi_values WHERE kpi = 'open_pipeline' AND entity_id = '005A1' AND period_type = 'month'
        AND period_start = DATE '${FEB}'`);
    expect(open?.value).toBe(650);
  });
});

describe('family 4: contracts, ARR and win rates by classification', () => {
  it.each<[string, string, string, Row, string?]>([
    // ACC1's contract ends by term on the leap day (2023-03-01 + 12 months − 1 day) and is still active then
    ['customers_start', '005A1', FEB, row(1)],
    ['logo_churn_pct', '005A1', FEB, row(0, 0, 1)],
    ['grr_pct', '005A1', FEB, row(100, 1200, 1200)],
    ['nrr_pct', '005A1', FEB, row(150, 1800, 1200)],
    // ACC2's expired contract ends Jan 30: a customer at Jan 1, not at Jan 31
    ['customers_start', '005A1', JAN, row(2)],
    ['logo_churn_pct', '005A1', JAN, row(50, 1, 2)],
    ['grr_pct', '005A1', JAN, row((100 * 1200) / 2200, 1200, 2200)],
    ['nrr_pct', '005A1', Q1, row((100 * 1800) / 2200, 1800, 2200), 'quarter'],
    // an open-ended contract without ARR: a customer with ARR 0, so retention is NULL
    ['customers_start', '005A2', FEB, row(1)],
    ['grr_pct', '005A2', FEB, row(null, 0, 0)],
    ['logo_churn_pct', '005M', JAN, row(100 / 3, 1, 3)],
    // O1 won and O2 lost are upsells (O2 has no line items); O6 is a cross-sell
    ['upsell_win_rate_pct', '005A1', FEB, row(50, 1, 2)],
    ['cross_sell_win_rate_pct', '005A1', FEB, row(100, 1, 1)],
    ['cross_sell_win_rate_pct', '005A1', JAN, row(null, 0, 0)],
    // pooled responses, not the average of the AEs' averages (3 and 5)
    ['csat_avg', '005A1', FEB, row(3, 6, 2)],
    ['csat_avg', '005M', FEB, row(11 / 3, 11, 3)],
  ])('%s of %s for %s', async (id, entity, start, expected, type) => {
    expectRow(await kpi(id, entity, start, type), expected);
  });
});

describe('family 5: expansion', () => {
  it.each<[string, string, string, Row, string?]>([
    ['expansion_opps_created', '005A1', FEB, row(3)],
    ['expansion_opps_created', '005A1', JAN, row(1)],
    ['expansion_bookings', '005A1', FEB, row(1700)],
    // (ACC1, Analytics) is first won by O6 (the deleted O4 does not count); (ACC1, Core) by new-business O0
    ['new_products_sold', '005A1', FEB, row(1)],
    ['new_products_sold', '005A1', DEC, row(0)],
    ['new_products_sold', 'org', Q1, row(1), 'quarter'],
  ])('%s of %s for %s', async (id, entity, start, expected, type) => {
    expectRow(await kpi(id, entity, start, type), expected);
  });
});

describe('family 7: territory, pooled literally', () => {
  it.each<[string, string, string, Row, string?]>([
    ['accounts_owned', '005A1', FEB, row(2)],
    // A1's event on A2's account counts for neither AE but for their team
    ['accounts_touched', '005A1', FEB, row(2)],
    ['accounts_touched', '005A2', FEB, row(0)],
    ['accounts_touched', '005M', FEB, row(3)],
    ['accounts_visited', '005A1', FEB, row(1)],
    ['accounts_visited', '005A1', JAN, row(1)],
    ['coverage_pct', '005A1', JAN, row(50, 1, 2)],
    ['coverage_pct', '005A2', FEB, row(0, 0, 1)],
    ['coverage_pct', 'org', FEB, row(75, 3, 4)],
  ])('%s of %s for %s', async (id, entity, start, expected, type) => {
    expectRow(await kpi(id, entity, start, type), expected);
  });

  it('splits owned and touched accounts by country and state, Unknown for a missing part, 0 when untouched', async () => {
    const rows = await engine.query(`
      SELECT entity_id, period_start::VARCHAR AS period, kpi, dimension, dimension_value, value, numerator
      FROM kpi_breakdowns
      WHERE as_of = DATE '${AS_OF}' AND period_type = 'month' AND period_start >= DATE '${JAN}'
        AND entity_id IN ('005A1', '005A2') AND dimension IN ('country', 'country_state')
      ORDER BY entity_id, period, dimension, dimension_value, kpi`);
    const line = (r: Record<string, unknown>) =>
      `${r.entity_id} ${r.period} ${r.dimension}=${r.dimension_value} ${r.kpi} ${r.value}`;
    expect(rows.map(line)).toEqual([
      '005A1 2024-01-01 country=Thailand accounts_owned 1',
      '005A1 2024-01-01 country=Thailand accounts_touched 1',
      '005A1 2024-01-01 country=Unknown accounts_owned 1',
      '005A1 2024-01-01 country=Unknown accounts_touched 0',
      '005A1 2024-01-01 country_state=Thailand / Unknown accounts_owned 1',
      '005A1 2024-01-01 country_state=Thailand / Unknown accounts_touched 1',
      '005A1 2024-01-01 country_state=Unknown / Unknown accounts_owned 1',
      '005A1 2024-01-01 country_state=Unknown / Unknown accounts_touched 0',
      '005A1 2024-02-01 country=Thailand accounts_owned 1',
      '005A1 2024-02-01 country=Thailand accounts_touched 1',
      '005A1 2024-02-01 country=Unknown accounts_owned 1',
      '005A1 2024-02-01 country=Unknown accounts_touched 1',
      '005A1 2024-02-01 country_state=Thailand / Unknown accounts_owned 1',
      '005A1 2024-02-01 country_state=Thailand / Unknown accounts_touched 1',
      '005A1 2024-02-01 country_state=Unknown / Unknown accounts_owned 1',
      '005A1 2024-02-01 country_state=Unknown / Unknown accounts_touched 1',
      '005A2 2024-01-01 country=Germany accounts_owned 1',
      '005A2 2024-01-01 country=Germany accounts_touched 0',
      '005A2 2024-01-01 country_state=Germany / Berlin accounts_owned 1',
      '005A2 2024-01-01 country_state=Germany / Berlin accounts_touched 0',
      '005A2 2024-02-01 country=Germany accounts_owned 1',
      '005A2 2024-02-01 country=Germany accounts_touched 0',
      '005A2 2024-02-01 country_state=Germany / Berlin accounts_owned 1',
      '005A2 2024-02-01 country_state=Germany / Berlin accounts_touched 0',
    ]);
    expect(rows.every((r) => r.numerator === null)).toBe(true);
  });
});

describe('family 8: feedback and cases', () => {
  it.each<[string, string, string, Row, string?]>([
    ['feedback_received', '005A1', FEB, row(2)],
    ['feedback_quality_avg', '005A1', FEB, row(4, 8, 2)],
    // feedback to the manager counts nowhere
    ['feedback_received', '005M', FEB, row(2)],
    ['cases_opened', '005A1', FEB, row(3)],
    // closed without a ClosedDate is not closed
    ['case_resolution_pct', '005A1', FEB, row(100 / 3, 1, 3)],
    ['case_resolution_pct', '005A1', JAN, row(0, 0, 1)],
    ['case_resolution_pct', '005A1', Q1, row(50, 2, 4), 'quarter'],
    ['case_resolution_days', '005A1', FEB, row(5, 10, 2)],
    ['case_resolution_days', '005A1', JAN, row(null, 0, 0)],
    ['cases_opened', '005A2', FEB, row(0)],
  ])('%s of %s for %s', async (id, entity, start, expected, type) => {
    expectRow(await kpi(id, entity, start, type), expected);
  });
});

describe('family 9: training and skills', () => {
  it.each<[string, string, string, Row, string?]>([
    // C-1's re-registration moves its due date to Feb 29; C-2 is due Feb 15 and never completed
    ['training_due', '005A1', FEB, row(2)],
    ['training_due', '005A1', JAN, row(0)],
    ['training_completion_pct', '005A1', FEB, row(50, 1, 2)],
    ['training_completion_pct', '005A1', JAN, row(null, 0, 0)],
    // C-1 completed twice counts once; C-3 was never assigned and counts
    ['trainings_completed', '005A1', FEB, row(2)],
    // negotiation: two scores at the same instant, the greater statement id (50) wins; discovery (30−10)/(50−10)
    ['skill_score_avg', '005A1', FEB, row(50, 100, 2)],
    ['skill_score_avg', '005A1', JAN, row(80, 80, 1)],
    ['skill_score_avg', '005A2', FEB, row(null, 0, 0)],
    ['skill_score_avg', '005M', FEB, row(50, 100, 2)],
  ])('%s of %s for %s', async (id, entity, start, expected, type) => {
    expectRow(await kpi(id, entity, start, type), expected);
  });

  it('splits skill scores by skill, only for skills scored by then', async () => {
    const rows = await engine.query(`
      SELECT period_start::VARCHAR AS period, dimension_value AS skill, value, numerator, denominator FROM kpi_breakdowns
      WHERE as_of = DATE '${AS_OF}' AND entity_id = '005A1' AND dimension = 'skill' AND period_type = 'month'
        AND period_start >= DATE '${JAN}'
      ORDER BY period, skill`);
    expect(rows).toEqual([
      { period: JAN, skill: 'negotiation', value: 80, numerator: 80, denominator: 1 },
      { period: FEB, skill: 'discovery', value: 50, numerator: 50, denominator: 1 },
      { period: FEB, skill: 'negotiation', value: 50, numerator: 50, denominator: 1 },
    ]);
  });
});

describe('family 10: process', () => {
  it.each<[string, string, string, Row, string?]>([
    ['lead_conversion_days', '005A1', FEB, row(2.5, 5, 2)],
    ['lead_qualification_pct', '005A1', FEB, row(100, 3, 3)],
    ['lead_qualification_pct', '005A2', FEB, row(null, 0, 0)],
    // O1 came from the SDR's lead (any owner counts) and was won; O2 came from A1's lead and was lost
    ['lead_to_win_pct', '005A1', FEB, row(50, 1, 2)],
    ['lead_to_win_pct', '005A1', JAN, row(null, 0, 0)],
  ])('%s of %s for %s', async (id, entity, start, expected, type) => {
    expectRow(await kpi(id, entity, start, type), expected);
  });
});

describe('family 11: forecasting', () => {
  it.each<[string, string, string, Row, string?]>([
    // O3 at Feb 29: 600 at 20 %, closing Mar 20: outside February, inside Q1
    ['weighted_pipeline', '005A1', FEB, row(0)],
    ['weighted_pipeline', '005A1', Q1, row(120), 'quarter'],
    ['forecast', '005A1', Q1, row(2220), 'quarter'],
    ['forecast', '005A1', FEB, row(1700)],
    // at Nov 30, O0 was 2000 at 50 % closing in December: F = 1000, A = 2000
    ['forecast_accuracy_pct', '005A1', DEC, row(50)],
    // nothing forecast for January at Dec 31 while 400 was booked
    ['forecast_accuracy_pct', '005A1', JAN, row(0)],
    // February ends on as_of: not ended before it
    ['forecast_accuracy_pct', '005A1', FEB, row(null)],
    ['forecast_accuracy_pct', '005A1', Q1, row(null), 'quarter'],
    ['forecast_accuracy_pct', '005A2', DEC, row(null)],
  ])('%s of %s for %s', async (id, entity, start, expected, type) => {
    expectRow(await kpi(id, entity, start, type), expected);
  });
});

describe('an AE with no activity at all', () => {
  it('has 0 for every count and sum, NULL for every ratio and average', async () => {
    const rows = await engine.query<{ kpi: string; value: number | null }>(`
      SELECT kpi, value FROM kpi_values
      WHERE as_of = DATE '${AS_OF}' AND entity_id = '005A2' AND period_start = DATE '${FEB}' AND period_type = 'month'`);
    const values = Object.fromEntries(rows.map((r) => [r.kpi, r.value]));
    // A2 owns an account with an open-ended contract and has a quota: everything else is empty
    const nonZero = { quota: 5000, accounts_owned: 1, customers_start: 1, csat_avg: 5 };
    const zeroRatios = ['quota_attainment_pct', 'coverage_pct', 'logo_churn_pct'];
    for (const [id, value] of Object.entries(values)) {
      if (id in nonZero) expect(value, id).toBe(nonZero[id as keyof typeof nonZero]);
      else if (zeroRatios.includes(id)) expect(value, id).toBe(0);
      else if (/_(pct|avg|days|size|value|velocity|won)$/.test(id) && id !== 'deals_won') expect(value, id).toBeNull();
      else expect(value, id).toBe(0);
    }
    expect(rows).toHaveLength(49);
  });
});
