import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeVersion } from '../../../functions/compute/compute.ts';
import { AsOfError } from '../../../functions/as-of.ts';
import { KpiQueryError } from '../../../functions/compute/errors.ts';
import { readKpiSql } from '../../../functions/compute/kpi-sql.ts';
import { runParams } from '../../../functions/compute/params.ts';
import { familyQuery } from '../../../functions/compute/single-query.ts';
import { columnPairs, INSIGHT_COLUMNS, INSIGHT_TABLES } from '../../../functions/lake/insight-tables.ts';
import { computeKpiTables } from '../../../functions/compute/tables.ts';
import { kpiPartition, OUTPUT_TABLES } from '../../../functions/lake/output-tables.ts';
import { resolveConfig } from '../../../functions/config.ts';
import type { StageContext } from '../../../functions/context.ts';
import { DuckDbEngine } from '../../../functions/engine/duckdb.ts';
import { quoteLiteral } from '../../../functions/engine/engine.ts';
import { openLake } from '../../../functions/lake/open.ts';
import { ingestDrop, landDrop } from '../../../functions/ingest/ingest.ts';
import { memoryLog } from '../../../functions/log.ts';
import { FsStore } from '../../../functions/store/fs.ts';
import { S3Store } from '../../../functions/store/s3.ts';
import type { ObjectStore } from '../../../functions/store/store.ts';
import { startLocalS3, type LocalS3 } from '../../helpers/s3rver.ts';
import { liveKpiFile, liveKpiKey } from '../../helpers/live-kpi.ts';
import { liveKey } from '../../../functions/lake/live-version.ts';
import { SMALL_ORG, writeDrop } from './small-org.ts';

const A = '2024-02-29';
const B = '2024-01-31';

let workspace: string;
let ctx: StageContext;

async function context(store: ObjectStore, name: string): Promise<StageContext> {
  return { config: resolveConfig({ workspace }), store, log: memoryLog(), scratch: join(workspace, `scratch-${name}`) };
}

/** The bytes of every object under `kpi/`, by key. */
async function kpiObjects(store: ObjectStore): Promise<Map<string, string>> {
  const objects = new Map<string, string>();
  for (const key of await store.list('kpi/')) objects.set(key, Buffer.from((await store.get(key)) ?? []).toString('base64'));
  return objects;
}

beforeAll(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'compute-version-'));
  await writeDrop(join(workspace, 'drop'), SMALL_ORG);
  ctx = await context(new FsStore(join(workspace, 'lake')), 'fs');
  await landDrop(ctx, join(workspace, 'drop'), A);
  await ingestDrop(ctx, A);
});

afterAll(async () => {
  await rm(workspace, { recursive: true, force: true });
});

describe('computeVersion', () => {
  it('writes the KPI and insight tables of as_of D, with the column types of the KPI catalog and insight-tables.ts', async () => {
    const { rows } = await computeVersion(ctx, A);
    expect(rows).toEqual({
      kpi_values: 49 * 5 * 16,
      kpi_breakdowns: expect.any(Number),
      entities: 5,
      ...Object.fromEntries(INSIGHT_TABLES.map((t) => [t, expect.any(Number)])),
      // on 29 February the month is complete and Q1 still running: 49 KPIs × 5 entities for Q4 up to 29 November
      kpi_same_point: 49 * 5,
    });
    // one file per table beside the pointer that names them (compute/live-version.ts)
    const live = OUTPUT_TABLES.map((t) => liveKpiKey(join(workspace, 'lake'), t, A));
    expect(live.every((key, i) => key.startsWith(kpiPartition(OUTPUT_TABLES[i]!, A)))).toBe(true);
    expect(await ctx.store.list('kpi/')).toEqual([...live, liveKey(A)].sort());
    const engine = await DuckDbEngine.open();
    try {
      const types = async (table: string) => {
        const file = liveKpiFile(join(workspace, 'lake'), table as 'entities', A);
        const described = await engine.query<{ column_name: string; column_type: string }>(
          `DESCRIBE SELECT * FROM read_parquet(${quoteLiteral(file)})`,
        );
        return described.map((d) => `${d.column_name} ${d.column_type}`).join(', ');
      };
      const values =
        'as_of DATE, kpi VARCHAR, level VARCHAR, entity_id VARCHAR, period_type VARCHAR, period_start DATE, period_end DATE, value DOUBLE, numerator DOUBLE, denominator DOUBLE';
      expect(await types('kpi_values')).toBe(values);
      expect(await types('kpi_breakdowns')).toBe(`${values}, dimension VARCHAR, dimension_value VARCHAR`);
      expect(await types('entities')).toBe(
        'as_of DATE, level VARCHAR, entity_id VARCHAR, name VARCHAR, email VARCHAR, manager_id VARCHAR, is_active BOOLEAN, team_id VARCHAR',
      );
      for (const table of INSIGHT_TABLES) {
        const listed = columnPairs(INSIGHT_COLUMNS[table]).map((c) => `${c.name} ${c.type}`);
        expect(await types(table)).toBe(listed.join(', '));
      }
    } finally {
      await engine.close();
    }
  });

  it('is reproducible and replaces only the partitions of its as_of', async () => {
    await computeVersion(ctx, A);
    await computeVersion(ctx, B);
    const before = await kpiObjects(ctx.store);
    // a leftover of an older run of A must go; B must stay byte for byte
    await ctx.store.put(`${kpiPartition('kpi_values', A)}part-1.parquet`, 'stale');
    await computeVersion(ctx, A);
    expect(await kpiObjects(ctx.store)).toEqual(before);
    expect([...before.keys()].filter((k) => k.includes(`as_of=${B}/`))).toHaveLength(OUTPUT_TABLES.length);
  });

  it('refuses an as-of date that is not a real day, before touching the lake', async () => {
    await expect(computeVersion(ctx, '2024-02-30')).rejects.toThrow(AsOfError);
    expect(await ctx.store.list(`kpi/kpi_values/as_of=2024-02-30/`)).toEqual([]);
  });
});

describe('computeVersion on an S3 lake', () => {
  let s3: LocalS3;

  beforeAll(async () => {
    s3 = await startLocalS3(['lake']);
  });

  afterAll(async () => {
    await s3?.stop();
  });

  it('stages the raw zone, and writes the same bytes as on a folder', async () => {
    const store = new S3Store(s3.client, 'lake');
    const s3ctx = await context(store, 's3');
    await landDrop(s3ctx, join(workspace, 'drop'), A);
    await ingestDrop(s3ctx, A);
    await computeVersion(s3ctx, A);
    const onS3 = await kpiObjects(store);
    const onFolder = [...(await kpiObjects(ctx.store))].filter(([key]) => key.includes(`as_of=${A}/`) || key.includes(`as_of=${A}.json`));
    expect([...onS3]).toEqual(onFolder);
  });
});

describe('computeKpiTables checks what the SQL returns', () => {
  let lake: DuckDbEngine;

  beforeAll(async () => {
    lake = await openLake(ctx);
  });

  afterAll(async () => {
    await lake?.close();
  });

  const family = (name: string, text: string) => ({ name: `kpis/${name}.sql`, text });

  it.each([
    ['an unknown KPI id', "SELECT 'bogus' AS kpi, level, entity_id, period_type, period_start, 1 AS value, NULL AS numerator, NULL AS denominator, NULL AS dimension, NULL AS dimension_value FROM grid", /the KPI catalog does not define/],
    ['a KPI twice', "SELECT 'bookings' AS kpi, level, entity_id, period_type, period_start, 1 AS value, NULL AS numerator, NULL AS denominator, NULL AS dimension, NULL AS dimension_value FROM grid CROSS JOIN (VALUES (1), (2)) AS t (x)", /more than one row/],
    ['an entity outside the grid', "SELECT 'bookings' AS kpi, 'ae' AS level, 'nobody' AS entity_id, 'month' AS period_type, DATE '2024-02-01' AS period_start, 1 AS value, NULL AS numerator, NULL AS denominator, NULL AS dimension, NULL AS dimension_value", /not in the grid/],
    ['an infinite value', "SELECT 'bookings' AS kpi, level, entity_id, period_type, period_start, CAST('inf' AS DOUBLE) AS value, NULL AS numerator, NULL AS denominator, NULL AS dimension, NULL AS dimension_value FROM grid", /not finite/],
  ])('rejects %s', async (_, text, message) => {
    const { blocks } = await readKpiSql();
    const error: unknown = await computeKpiTables(lake, runParams(ctx.config, A), {
      blocks,
      families: [family('01_bad', text)],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KpiQueryError);
    expect((error as Error).message).toMatch(message);
  });

  it('rejects a catalog KPI without rows', async () => {
    const { blocks, families } = await readKpiSql();
    const run = computeKpiTables(lake, runParams(ctx.config, A), { blocks, families: families.slice(1) });
    await expect(run).rejects.toThrow(/no row for these entities and periods: \{"kpi":"bookings"/);
  });

  it('names the file of a failing query', async () => {
    const { blocks } = await readKpiSql();
    const run = computeKpiTables(lake, runParams(ctx.config, A), {
      blocks,
      families: [family('05_broken', 'SELECT no_such_column FROM grid')],
    });
    await expect(run).rejects.toThrow(/kpis\/05_broken\.sql/);
  });
});

describe('familyQuery: each family as one self-contained query (the form for Athena)', () => {
  let lake: DuckDbEngine;

  beforeAll(async () => {
    lake = await openLake(ctx);
    await computeKpiTables(lake, runParams(ctx.config, A));
  });

  afterAll(async () => {
    await lake?.close();
  });

  it('gives the rows the temporary-table path gives, family by family', async () => {
    const sql = await readKpiSql();
    const params = runParams(ctx.config, A);
    for (const family of sql.families) {
      const query = familyQuery(sql, family, params);
      expect(query.length).toBeLessThan(262_144);
      const [diff] = await lake.query<{ only_single: number; only_tables: number; n: number }>(`
        WITH single AS (
          SELECT kpi, level, entity_id, period_type, CAST(period_start AS DATE) AS period_start, CAST(value AS DOUBLE) AS value,
            CAST(numerator AS DOUBLE) AS numerator, CAST(denominator AS DOUBLE) AS denominator, dimension, dimension_value
          FROM (${query}) AS q
        ),
        tables AS (
          SELECT kpi, level, entity_id, period_type, period_start, value, numerator, denominator, dimension, dimension_value
          FROM kpi_rows WHERE source = ${quoteLiteral(family.name)}
        )
        SELECT CAST((SELECT count(*) FROM (SELECT * FROM single EXCEPT ALL SELECT * FROM tables)) AS INTEGER) AS only_single,
          CAST((SELECT count(*) FROM (SELECT * FROM tables EXCEPT ALL SELECT * FROM single)) AS INTEGER) AS only_tables,
          CAST((SELECT count(*) FROM single) AS INTEGER) AS n`);
      expect(diff, family.name).toEqual({ only_single: 0, only_tables: 0, n: expect.any(Number) });
      expect(diff?.n, family.name).toBeGreaterThan(0);
    }
  });
});
