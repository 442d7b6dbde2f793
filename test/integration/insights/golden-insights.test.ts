import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeVersion } from '../../../functions/compute/compute.ts';
import type { OutputTable } from '../../../functions/lake/output-tables.ts';
import { liveKpiFile } from '../../helpers/live-kpi.ts';
import { resolveConfig } from '../../../functions/config.ts';
import type { StageContext } from '../../../functions/context.ts';
import { DuckDbEngine } from '../../../functions/engine/duckdb.ts';
import { quoteLiteral } from '../../../functions/engine/engine.ts';
import { ingestDrop, landDrop } from '../../../functions/ingest/ingest.ts';
import { memoryLog } from '../../../functions/log.ts';
import { FsStore } from '../../../functions/store/fs.ts';
import { GOLDEN, GOLDEN_CASES } from '../../helpers/golden.ts';
import { compareInsights, type InsightDiff } from './compare-insights.ts';
import { insightEngine } from './insight-engine.ts';

/** The natural key of each table compared here. */
const KEYS = {
  account_book: ['account_id'],
  kpi_same_point: ['kpi', 'level', 'entity_id', 'period_type', 'period_start'],
} as const;

const explain = (table: string, diff: InsightDiff) =>
  [
    `${table}: ${diff.expected} rows expected, ${diff.actual} computed; ${diff.missing} missing, ${diff.extra} extra, ${diff.mismatched} different`,
    `columns missing ${JSON.stringify(diff.columns.missing)}, extra ${JSON.stringify(diff.columns.extra)}`,
    ...diff.sample,
  ].join('\n');

function expectSame(table: string, diff: InsightDiff): void {
  expect(diff.sample, explain(table, diff)).toEqual([]);
  expect(diff.columns).toEqual({ missing: [], extra: [] });
  expect(diff).toMatchObject({ missing: 0, extra: 0, mismatched: 0 });
}

describe.each(GOLDEN_CASES)('golden case %s: account book, same-point comparisons, coaching signals', (name) => {
  const dir = join(GOLDEN, name);
  const expectedCsv = (table: string) => join(dir, 'expected', 'insights', `${table}.csv`);
  let workspace: string;
  let ctx: StageContext;
  let asOf: string;
  let engine: DuckDbEngine;

  beforeAll(async () => {
    workspace = await mkdtemp(join(tmpdir(), `insights-golden-${name}-`));
    ctx = { config: resolveConfig({ workspace }), store: new FsStore(workspace), log: memoryLog(), scratch: join(workspace, 'scratch') };
    asOf = (await readFile(join(dir, 'as_of'), 'utf8')).trim();
    await landDrop(ctx, join(dir, 'drop'), asOf);
    await ingestDrop(ctx, asOf);
    // the tables as the nightly run writes them
    await computeVersion(ctx, asOf);
    engine = await DuckDbEngine.open();
    for (const table of [...Object.keys(KEYS), 'kpi_values']) {
      const file = liveKpiFile(workspace, table as OutputTable, asOf);
      await engine.exec(`CREATE VIEW ${table} AS SELECT * FROM read_parquet(${quoteLiteral(file)})`);
    }
  });

  afterAll(async () => {
    await engine?.close();
    await rm(workspace, { recursive: true, force: true });
  });

  it.each(Object.entries(KEYS))('%s of the version matches expected/insights/ row by row', async (table, keys) => {
    const diff = await compareInsights(engine, table, expectedCsv(table), [...keys]);
    expectSame(table, diff);
    // probes is as of a quarter end (2026-06-30): no period is running, so there is nothing to compare at the same point
    if (table === 'kpi_same_point' && name === 'probes') expect(diff.actual).toBe(0);
    else expect(diff.actual).toBeGreaterThan(0);
  });

  it('coaching_signals matches expected/insights/, given the expected deal book and forecast calls', async () => {
    // coaching reads the deal book and forecast calls: fed with the expected ones, it is checked on its own rules
    const coaching = await insightEngine(ctx, asOf, ['00_20_coaching_facts', 'coaching_signals'], async (e) => {
      for (const input of ['deals', 'forecast_calls']) {
        await e.exec(`CREATE OR REPLACE TEMP TABLE ${input} AS SELECT * FROM read_csv(${quoteLiteral(expectedCsv(input))}, header = true)`);
      }
    });
    try {
      const diff = await compareInsights(coaching, 'coaching_signals', expectedCsv('coaching_signals'), ['ae_id', 'signal']);
      expectSame('coaching_signals', diff);
      expect(diff.actual).toBeGreaterThan(50);
    } finally {
      await coaching.close();
    }
  });

  it('the churned accounts of this quarter and the last are the numerators of logo_churn_pct, for every AE and the org', async () => {
    const rows = await engine.query<{ n: number; churned: number; differ: number }>(`
      WITH quarters AS (
        SELECT period_start, row_number() OVER (ORDER BY period_start DESC) AS back
        FROM (SELECT DISTINCT period_start FROM kpi_values WHERE period_type = 'quarter') AS q
      ),
      churned AS (
        SELECT b.owner_id, 1 AS back FROM account_book b WHERE b.customer_qs AND NOT b.customer
        UNION ALL
        SELECT b.owner_id, 2 AS back FROM account_book b WHERE b.customer_pqs AND NOT b.customer_pqe
      ),
      pooled AS (
        SELECT e.level, e.entity_id, c.back, CAST(count(*) AS DOUBLE) AS n
        FROM churned c
        JOIN (SELECT 'ae' AS level, entity_id, entity_id AS ae_id FROM kpi_values WHERE level = 'ae'
              UNION SELECT 'org', 'org', entity_id FROM kpi_values WHERE level = 'ae') AS e ON e.ae_id = c.owner_id
        GROUP BY e.level, e.entity_id, c.back
      )
      SELECT CAST(count(*) AS INTEGER) AS n, CAST(sum(coalesce(p.n, 0)) AS INTEGER) AS churned,
        CAST(sum(CASE WHEN coalesce(p.n, 0) <> v.numerator THEN 1 ELSE 0 END) AS INTEGER) AS differ
      FROM kpi_values v
      JOIN quarters q ON q.period_start = v.period_start AND q.back <= 2
      LEFT JOIN pooled p ON p.level = v.level AND p.entity_id = v.entity_id AND p.back = q.back
      WHERE v.kpi = 'logo_churn_pct' AND v.period_type = 'quarter' AND v.level IN ('ae', 'org')`);
    expect(rows[0]?.differ).toBe(0);
    expect(rows[0]?.n).toBeGreaterThan(2);
    if (name === 'basic') expect(rows[0]?.churned).toBeGreaterThan(0);
  });

  it('the comparison notices a changed number, a NULL, a changed list and a missing row', async () => {
    await engine.exec(`CREATE OR REPLACE TEMP TABLE tampered AS
      SELECT *, row_number() OVER (ORDER BY account_id) AS n FROM account_book`);
    await engine.exec(`UPDATE tampered SET arr = arr * (1 + 1e-5) + 1 WHERE n = 1`);
    await engine.exec(`UPDATE tampered SET csat_avg_90d = NULL, open_cases = open_cases + 1 WHERE n = 2`);
    await engine.exec(`UPDATE tampered SET whitespace = coalesce(whitespace, '') || ',X' WHERE n = 3`);
    await engine.exec(`DELETE FROM tampered WHERE n = 4`);
    await engine.exec(`ALTER TABLE tampered DROP COLUMN n`);
    const diff = await compareInsights(engine, 'tampered', expectedCsv('account_book'), ['account_id']);
    expect(diff).toMatchObject({ mismatched: 3, missing: 1, extra: 0 });
  });
});
