import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeVersion } from '../../../functions/compute/compute.ts';
import { liveKpiFile } from '../../helpers/live-kpi.ts';
import { resolveConfig } from '../../../functions/config.ts';
import type { StageContext } from '../../../functions/context.ts';
import { DuckDbEngine } from '../../../functions/engine/duckdb.ts';
import { quoteLiteral } from '../../../functions/engine/engine.ts';
import { ingestDrop, landDrop } from '../../../functions/ingest/ingest.ts';
import { memoryLog } from '../../../functions/log.ts';
import { FsStore } from '../../../functions/store/fs.ts';
import { GOLDEN, GOLDEN_CASES } from '../../helpers/golden.ts';
import { compareKpis, KPI_KEYS, TABLE_KEYS, type KpiDiff } from './compare-kpis.ts';
import { diffStageRows, openByStageFromDrop, stageRows, stageSumMismatches } from '../../fixtures/open-by-stage.ts';


function report(table: string, diff: KpiDiff, changed: string): string {
  return [
    `${table}: ${diff.expected} rows expected, ${diff.actual} computed; ${diff.missing} missing, ${diff.extra} extra, ${diff.mismatched} different`,
    ...diff.sample,
    `the computed table is in ${changed} (diff it with the expected CSV)`,
  ].join('\n');
}

describe.each(GOLDEN_CASES)('golden case %s: ingest + compute give the expected KPI tables', (name) => {
  const dir = join(GOLDEN, name);
  let workspace: string;
  let ctx: StageContext;
  let asOf: string;
  let engine: DuckDbEngine;

  beforeAll(async () => {
    workspace = await mkdtemp(join(tmpdir(), `compute-golden-${name}-`));
    ctx = {
      config: resolveConfig({ workspace }),
      store: new FsStore(workspace),
      log: memoryLog(),
      scratch: join(workspace, 'scratch'),
    };
    asOf = (await readFile(join(dir, 'as_of'), 'utf8')).trim();
    await landDrop(ctx, join(dir, 'drop'), asOf);
    await ingestDrop(ctx, asOf);
    await computeVersion(ctx, asOf);
    engine = await DuckDbEngine.open();
    for (const table of ['kpi_values', 'kpi_breakdowns', 'entities'] as const) {
      const file = liveKpiFile(workspace, table, asOf);
      await engine.exec(`CREATE VIEW ${table} AS SELECT * FROM read_parquet(${quoteLiteral(file)})`);
    }
  });

  afterAll(async () => {
    await engine?.close();
    await rm(workspace, { recursive: true, force: true });
  });

  // kpi_breakdowns: every dimension the expected CSV has; `stage` came later and is checked below
  it.each(Object.entries(TABLE_KEYS))('%s matches expected/ row by row', async (table, keys) => {
    const diff = await compareKpis(engine, table, join(dir, 'expected', `${table}.csv`), keys, {
      expectedDimensionsOnly: table === 'kpi_breakdowns',
    });
    if (diff.sample.length > 0) {
      const changed = join(tmpdir(), `golden-${name}-changed`);
      await mkdir(changed, { recursive: true });
      await engine.exec(`COPY ${table} TO ${quoteLiteral(join(changed, `${table}.csv`))} (HEADER)`);
      expect.fail(report(table, diff, changed));
    }
    expect(diff).toMatchObject({ missing: 0, extra: 0, mismatched: 0 });
    expect(diff.actual).toBeGreaterThan(0);
    // nothing but the stage breakdown is left out of the comparison
    expect(Object.keys(diff.uncompared)).toEqual(table === 'kpi_breakdowns' ? ['stage'] : []);
  });

  it('splits the expected open_pipeline and open_opps of every entity and period by stage, adding up exactly', async () => {
    expect(await stageSumMismatches(engine, 'kpi_breakdowns', join(dir, 'expected', 'kpi_values.csv'))).toEqual([]);
    const rows = await stageRows(engine, 'kpi_breakdowns');
    // the two KPIs name the same stages, and a stage row counts at least one opportunity
    const stagesOf = (kpi: string) => rows.filter((r) => r.kpi === kpi).map((r) => `${r.level}:${r.entity_id}|${r.period_type}:${r.period_start}|${r.stage}`).sort();
    expect(stagesOf('open_pipeline')).toEqual(stagesOf('open_opps'));
    expect(rows.filter((r) => r.kpi === 'open_opps' && !(Number.isInteger(r.value) && r.value >= 1))).toEqual([]);
    expect(new Set(rows.map((r) => r.level))).toEqual(new Set(['ae', 'team', 'org']));
  });

  it('gives the stage rows worked out in TypeScript from the drop', async () => {
    const expected = await openByStageFromDrop(engine, join(dir, 'drop'), join(dir, 'expected', 'kpi_values.csv'));
    expect(expected.length).toBeGreaterThan(100);
    expect(new Set(expected.map((r) => r.stage)).size).toBeGreaterThan(3);
    expect(diffStageRows(await stageRows(engine, 'kpi_breakdowns'), expected)).toEqual([]);
  });

  it('the stage checks notice a changed, a moved and a missing stage row', async () => {
    await engine.exec(`CREATE OR REPLACE TEMP TABLE tampered_stages AS
      SELECT *, row_number() OVER (ORDER BY kpi, level, entity_id, period_type, period_start, dimension_value) AS n
      FROM kpi_breakdowns WHERE dimension = 'stage'`);
    await engine.exec(`UPDATE tampered_stages SET value = value + 1 WHERE n = 1`);
    await engine.exec(`UPDATE tampered_stages SET dimension_value = dimension_value || ' (moved)' WHERE n = 2`);
    await engine.exec(`DELETE FROM tampered_stages WHERE n = 3`);
    const expected = await openByStageFromDrop(engine, join(dir, 'drop'), join(dir, 'expected', 'kpi_values.csv'));
    const diff = diffStageRows(await stageRows(engine, 'tampered_stages'), expected);
    expect(diff, diff.join('\n')).toHaveLength(4);
    expect(diff.map((line) => line.split(' ')[0])).toEqual(['different', 'extra', 'missing', 'missing']);
    // moving a row to another stage keeps the sum: only the changed and the missing rows break it
    const sums = await stageSumMismatches(engine, 'tampered_stages', join(dir, 'expected', 'kpi_values.csv'));
    expect(sums.length).toBeGreaterThanOrEqual(1);
    expect(sums.length).toBeLessThanOrEqual(2);
  });

  it('has one entities row for every entity with KPI rows, and no other', async () => {
    const [row] = await engine.query<{ without: number; unused: number; n: number }>(`
      SELECT
        CAST((SELECT count(*) FROM (SELECT DISTINCT level, entity_id FROM kpi_values) v
          WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.level = v.level AND e.entity_id = v.entity_id)) AS INTEGER) AS without,
        CAST((SELECT count(*) FROM entities e
          WHERE NOT EXISTS (SELECT 1 FROM kpi_values v WHERE e.level = v.level AND e.entity_id = v.entity_id)) AS INTEGER) AS unused,
        CAST((SELECT count(*) FROM entities) AS INTEGER) AS n`);
    expect(row).toEqual({ without: 0, unused: 0, n: expect.any(Number) });
    expect(row?.n).toBeGreaterThan(2);
  });

  it('the comparison notices a changed value, a NULL and a missing row', async () => {
    // the check itself must be able to fail: tamper with a copy of the computed table
    await engine.exec(`CREATE OR REPLACE TEMP TABLE tampered AS
      SELECT *, row_number() OVER (ORDER BY value IS NULL, kpi, level, entity_id, period_type, period_start) AS n
      FROM kpi_values`);
    await engine.exec(`UPDATE tampered SET value = CASE n WHEN 1 THEN value * (1 + 1e-5) + 1 ELSE NULL END WHERE n <= 2`);
    await engine.exec(`DELETE FROM tampered WHERE n = 3`);
    const diff = await compareKpis(engine, 'tampered', join(dir, 'expected', 'kpi_values.csv'), KPI_KEYS);
    expect(diff).toMatchObject({ mismatched: 2, missing: 1, extra: 0 });
  });
});
