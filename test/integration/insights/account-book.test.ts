import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../functions/config.ts';
import type { StageContext } from '../../../functions/context.ts';
import type { DuckDbEngine } from '../../../functions/engine/duckdb.ts';
import { ingestDrop, landDrop } from '../../../functions/ingest/ingest.ts';
import { memoryLog } from '../../../functions/log.ts';
import { FsStore } from '../../../functions/store/fs.ts';
import { writeDrop } from '../compute/small-org.ts';
import { ACCOUNT_ORG } from './account-org.ts';
import { insightEngine } from './insight-engine.ts';

// Every expected value below is worked out by hand from account-org.ts.
const AS_OF = '2024-05-15';

let workspace: string;
let engine: DuckDbEngine;

beforeAll(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'account-book-'));
  const ctx: StageContext = {
    config: resolveConfig({ workspace }),
    store: new FsStore(workspace),
    log: memoryLog(),
    scratch: join(workspace, 'scratch'),
  };
  await writeDrop(join(workspace, 'drop'), ACCOUNT_ORG);
  await landDrop(ctx, join(workspace, 'drop'), AS_OF);
  const report = await ingestDrop(ctx, AS_OF);
  expect(report.files.filter((f) => f.status !== 'loaded')).toEqual([]);
  engine = await insightEngine(ctx, AS_OF, ['account_book']);
});

afterAll(async () => {
  await engine?.close();
  await rm(workspace, { recursive: true, force: true });
});

async function account(id: string): Promise<Record<string, unknown> | undefined> {
  const [row] = await engine.query(`SELECT CAST(as_of AS VARCHAR) AS as_of, account_id, name, owner_id, team_id, country,
      state, industry, arr, customer, arr_qs, customer_qs, arr_pqs, customer_pqs, customer_pqe,
      CAST(renewal_date AS VARCHAR) AS renewal_date, open_cases, csat_avg_90d,
      CAST(last_activity_date AS VARCHAR) AS last_activity_date, open_pipeline, families_owned, whitespace
    FROM account_book WHERE account_id = '${id}'`);
  return row;
}

describe('account_book', () => {
  it('has one row per account an AE owns, and none for the manager’s account', async () => {
    const rows = await engine.query<{ account_id: string }>('SELECT account_id FROM account_book ORDER BY account_id');
    expect(rows.map((r) => r.account_id)).toEqual(['001A', '001B', '001C', '001D']);
  });

  it('ARR at qs vs at D, a renewal date from ContractTerm, cases, CSAT in D − 89 … D, the owner’s last touch', async () => {
    expect(await account('001A')).toEqual({
      as_of: AS_OF,
      account_id: '001A',
      name: 'Acme',
      owner_id: '005A1',
      team_id: '005M',
      country: 'Thailand',
      state: null,
      industry: 'Retail',
      arr: 1500,
      customer: true,
      arr_qs: 1000,
      customer_qs: true,
      arr_pqs: 1000,
      customer_pqs: true,
      customer_pqe: true,
      // C1: 2023-06-15 + 12 months − 1 day, earlier than C2's EndDate
      renewal_date: '2024-06-14',
      // K1 open; K3 closed only after D; K2 closed before D; K4 created after D
      open_cases: 2,
      // R1 on D − 89 (2) and R3 late on D (4); R2 a day too early, R4 after D
      csat_avg_90d: 3,
      // A2's task and A1's event after D do not count
      last_activity_date: '2024-05-01',
      // O5 (800) and O3 (100), which closes won after D but is open at D by its history
      open_pipeline: 900,
      // O3 closes after D: Analytics is not owned yet
      families_owned: 'Legacy',
      whitespace: 'Analytics,Core',
    });
  });

  it('churned this quarter: a customer at qs, not at D, with the ARR lost at qs; any owner’s open deal counts', async () => {
    expect(await account('001B')).toMatchObject({
      country: null,
      industry: null,
      arr: 0,
      customer: false,
      arr_qs: 2000,
      customer_qs: true,
      arr_pqs: 2000,
      customer_pqs: true,
      customer_pqe: true,
      renewal_date: null,
      open_cases: 0,
      csat_avg_90d: null,
      last_activity_date: null,
      open_pipeline: 200,
      families_owned: null,
      // Legacy was sold only before the last 4 quarters: no whitespace
      whitespace: 'Analytics,Core',
    });
  });

  it('churned last quarter: a customer at pqs, not at qs − 1; a case closed without a ClosedDate stays open', async () => {
    expect(await account('001C')).toMatchObject({
      arr: 0,
      customer: false,
      arr_qs: 0,
      customer_qs: false,
      arr_pqs: 300,
      customer_pqs: true,
      customer_pqe: false,
      open_cases: 1,
      last_activity_date: '2024-04-20',
      open_pipeline: 0,
      families_owned: 'Core',
      whitespace: 'Analytics',
    });
  });

  it('an open-ended contract without ARR: a customer with ARR 0 and no renewal date; a draft never counts', async () => {
    expect(await account('001D')).toMatchObject({
      arr: 0,
      customer: true,
      customer_qs: false,
      customer_pqs: false,
      customer_pqe: false,
      renewal_date: null,
      // a line item without a family is ignored
      families_owned: 'Analytics,Core',
      whitespace: null,
    });
  });

  it('the churned accounts of this quarter and the last are the numerators of logo_churn_pct', async () => {
    const rows = await engine.query<{ entity_id: string; quarter: string; churned: number; numerator: number }>(`
      WITH churned AS (
        SELECT owner_id, 'this' AS quarter, CAST(count(*) AS DOUBLE) AS n FROM account_book WHERE customer_qs AND NOT customer GROUP BY owner_id
        UNION ALL
        SELECT owner_id, 'last', CAST(count(*) AS DOUBLE) FROM account_book WHERE customer_pqs AND NOT customer_pqe GROUP BY owner_id
      )
      SELECT v.entity_id, CASE WHEN v.period_start = DATE '2024-04-01' THEN 'this' ELSE 'last' END AS quarter,
        coalesce(c.n, 0) AS churned, v.numerator
      FROM kpi_values v
      LEFT JOIN churned c ON c.owner_id = v.entity_id
        AND c.quarter = CASE WHEN v.period_start = DATE '2024-04-01' THEN 'this' ELSE 'last' END
      WHERE v.kpi = 'logo_churn_pct' AND v.level = 'ae' AND v.period_type = 'quarter'
        AND v.period_start IN (DATE '2024-04-01', DATE '2024-01-01')
      ORDER BY 1, 2`);
    expect(rows).toEqual([
      { entity_id: '005A1', quarter: 'last', churned: 0, numerator: 0 },
      { entity_id: '005A1', quarter: 'this', churned: 1, numerator: 1 },
      { entity_id: '005A2', quarter: 'last', churned: 1, numerator: 1 },
      { entity_id: '005A2', quarter: 'this', churned: 0, numerator: 0 },
    ]);
  });
});
