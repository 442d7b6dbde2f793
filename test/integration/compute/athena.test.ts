import {
  AthenaClient,
  GetQueryExecutionCommand,
  StartQueryExecutionCommand,
  type QueryExecutionStatus,
} from '@aws-sdk/client-athena';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { athenaAdapter } from '../../../functions/compute/athena/adapter.ts';
import { insightSteps } from '../../../functions/compute/athena/insight-steps.ts';
import { stagingPrefix } from '../../../functions/compute/athena/steps.ts';
import { INSIGHT_TABLES } from '../../../functions/lake/insight-tables.ts';
import { readInsightSql } from '../../../functions/compute/insights.ts';
import { computeVersion } from '../../../functions/compute/compute.ts';
import { readKpiSql } from '../../../functions/compute/kpi-sql.ts';
import { runParams } from '../../../functions/compute/params.ts';
import { familyQuery } from '../../../functions/compute/single-query.ts';
import { kpiPartition, OUTPUT_TABLES } from '../../../functions/lake/output-tables.ts';
import { definePortableFunctions } from '../../../functions/compute/portable-sql.ts';
import { samePointRun } from '../../../functions/compute/same-point.ts';
import { resolveConfig, type Config } from '../../../functions/config.ts';
import type { StageContext } from '../../../functions/context.ts';
import { AthenaQueryError } from '../../../functions/engine/athena.ts';
import { DuckDbEngine } from '../../../functions/engine/duckdb.ts';
import { quoteLiteral } from '../../../functions/engine/engine.ts';
import { openLake } from '../../../functions/lake/open.ts';
import { readSqlFolder } from '../../../functions/engine/sql-files.ts';
import { ingestDrop, landDrop } from '../../../functions/ingest/ingest.ts';
import { memoryLog } from '../../../functions/log.ts';
import { FsStore } from '../../../functions/store/fs.ts';
import { GOLDEN, GOLDEN_CASES } from '../../helpers/golden.ts';
import { compareInsights, INSIGHT_KEYS } from './compare-insights.ts';
import { liveKpiFile } from '../../helpers/live-kpi.ts';
import { liveKeyFilter } from '../../../functions/lake/live-version.ts';
import { compareKpis, TABLE_KEYS } from './compare-kpis.ts';

const BUCKET = 'golden-lake';

/**
 * Athena's service, played by DuckDB over the same lake: the real
 * AthenaEngine sends each statement through the mocked client, and this
 * runs the very text it received. Only UNLOAD's envelope is translated
 * (into a COPY to the folder behind the S3 key, a file without extension
 * as Athena writes them); the canonical views' DDL runs as sent.
 */
class DuckDbAthena {
  readonly statements: { sql: string; workgroup?: string; database?: string }[] = [];
  private readonly states = new Map<string, QueryExecutionStatus>();
  private queue: Promise<unknown> = Promise.resolve();
  /** a step (`03_pipeline`) whose next UNLOAD fails after writing part of its output, to test a failed run */
  failStep?: string;
  /** whether that failure is one Athena calls transient */
  failRetryable = false;

  constructor(
    private readonly lake: DuckDbEngine,
    private readonly store: FsStore,
  ) {}

  install(mock: AwsClientStub<AthenaClient>): void {
    mock.reset();
    mock.on(StartQueryExecutionCommand).callsFake(async (input: { QueryString?: string; WorkGroup?: string; QueryExecutionContext?: { Database?: string } }) => {
      const id = `q-${this.statements.length + 1}`;
      const sql = input.QueryString ?? '';
      this.statements.push({ sql, workgroup: input.WorkGroup, database: input.QueryExecutionContext?.Database });
      const fail = this.failStep !== undefined && (athenaAdapter.unwrapUnload(sql)?.location.endsWith(`/${this.failStep}/`) ?? false);
      if (fail) this.failStep = undefined;
      // one DuckDB connection: run the statements one at a time, as they arrive
      const run = this.queue.then(() => this.run(id, sql, fail));
      this.queue = run.catch(() => undefined);
      await run;
      return { QueryExecutionId: id };
    });
    mock.on(GetQueryExecutionCommand).callsFake(async (input: { QueryExecutionId?: string }) => ({
      QueryExecution: { Status: this.states.get(input.QueryExecutionId ?? '') ?? { State: 'FAILED', StateChangeReason: 'no such query' } },
    }));
  }

  unloads(): { query: string; location: string }[] {
    return this.statements.flatMap((s) => athenaAdapter.unwrapUnload(s.sql) ?? []);
  }

  private async run(id: string, sql: string, fail: boolean): Promise<void> {
    try {
      const unload = athenaAdapter.unwrapUnload(sql);
      if (!unload) {
        await this.lake.exec(sql);
      } else {
        const key = unload.location.slice(`s3://${BUCKET}/`.length);
        const dir = this.store.path(key);
        expect((await this.store.list(key)).length, `UNLOAD into a non-empty ${key}`).toBe(0);
        await mkdir(dir, { recursive: true });
        if (fail) {
          await this.store.put(`${key}${id}_00000`, 'half a file');
          throw new Error('Query exhausted resources at this scale factor');
        }
        await this.lake.exec(`COPY (${unload.query}) TO ${quoteLiteral(join(dir, `${id}_00000`))} (FORMAT parquet)`);
      }
      this.states.set(id, { State: 'SUCCEEDED' });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.states.set(id, { State: 'FAILED', StateChangeReason: message, AthenaError: { Retryable: fail && this.failRetryable } });
    }
  }
}

const athena = mockClient(AthenaClient);

/** The bytes of every object under `prefix`, by key. */
async function objects(store: FsStore, prefix: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  // the live files only, under one name per partition: their names carry a content hash (compute/live-version.ts)
  const live = await liveKeyFilter(store);
  for (const key of (await store.list(prefix)).filter(live)) {
    out.set(key.replace(/part-[0-9a-f]+\.parquet$/, 'part-0.parquet'), Buffer.from((await store.get(key)) ?? []).toString('base64'));
  }
  return out;
}

/**
 * Two runs' kpi/ objects hold the same version: the same files, entities
 * byte for byte, and the KPI tables row for row in the same order with
 * equal values but for the last bits of sums of doubles (whose order a
 * parallel aggregation does not fix, on DuckDB as on Athena).
 */
async function expectSameVersion(actual: Map<string, string>, expected: Map<string, string>, asOf: string, dir: string): Promise<void> {
  expect([...actual.keys()]).toEqual([...expected.keys()]);
  expect([...actual.keys()]).toEqual(OUTPUT_TABLES.map((t) => `${kpiPartition(t, asOf)}part-0.parquet`).sort());
  const entities = `${kpiPartition('entities', asOf)}part-0.parquet`;
  expect(actual.get(entities)).toBe(expected.get(entities));
  const engine = await DuckDbEngine.open();
  try {
    for (const table of ['kpi_values', 'kpi_breakdowns'] as const) {
      const keys = TABLE_KEYS[table];
      const key = `${kpiPartition(table, asOf)}part-0.parquet`;
      const file = async (path: string, bytes: string | undefined) => {
        await writeFile(join(dir, path), Buffer.from(bytes ?? '', 'base64'));
        return `(SELECT *, row_number() OVER () AS r FROM read_parquet(${quoteLiteral(join(dir, path))}))`;
      };
      const a = await file(`${table}-actual.parquet`, actual.get(key));
      const e = await file(`${table}-expected.parquet`, expected.get(key));
      const close = (c: string) =>
        `(a.${c} IS NULL AND e.${c} IS NULL OR abs(a.${c} - e.${c}) <= 1e-9 * greatest(abs(a.${c}), abs(e.${c})))`;
      const [row] = await engine.query<{ n: number; joined: number; same: number; differ: number }>(`
        SELECT (SELECT CAST(count(*) AS INTEGER) FROM ${e}) AS n, CAST(count(*) AS INTEGER) AS joined,
          CAST(count(*) FILTER (WHERE a.value IS NOT DISTINCT FROM e.value) AS INTEGER) AS same,
          CAST(count(*) FILTER (WHERE NOT (${['value', 'numerator', 'denominator'].map(close).join(' AND ')})
            OR a.period_end <> e.period_end OR a.as_of <> e.as_of) AS INTEGER) AS differ
        FROM ${a} a JOIN ${e} e ON a.r = e.r AND ${keys.map((k) => `a.${k} IS NOT DISTINCT FROM e.${k}`).join(' AND ')}`);
      // the same rows in the same order, with equal values but for rounding, nearly all of them bit for bit
      expect(row?.n, table).toBeGreaterThan(0);
      expect(row?.joined, table).toBe(row?.n);
      expect(row?.differ, table).toBe(0);
      expect(row?.same ?? 0, table).toBeGreaterThan((row?.n ?? 0) * 0.99);
    }
  } finally {
    await engine.close();
  }
}

describe.each(GOLDEN_CASES)('golden case %s computed on Athena (played by DuckDB)', (name) => {
  const dir = join(GOLDEN, name);
  let workspace: string;
  let store: FsStore;
  let ctx: StageContext;
  let asOf: string;
  let lake: DuckDbEngine;
  let server: DuckDbAthena;
  let onDuckDb: Map<string, string>;

  const withEngine = (engine: Config['engine']): StageContext => ({
    ...ctx,
    config: resolveConfig({ workspace, engine, store: { kind: 's3', bucket: BUCKET } }),
  });

  beforeAll(async () => {
    workspace = await mkdtemp(join(tmpdir(), `compute-athena-${name}-`));
    store = new FsStore(join(workspace, 'lake'));
    ctx = { config: resolveConfig({ workspace }), store, log: memoryLog(), scratch: join(workspace, 'scratch') };
    asOf = (await readFile(join(dir, 'as_of'), 'utf8')).trim();
    await landDrop(ctx, join(dir, 'drop'), asOf);
    await ingestDrop(ctx, asOf);
    // the DuckDB path first: the Athena path must write the same tables
    await computeVersion(ctx, asOf);
    onDuckDb = await objects(store, 'kpi/');
    await store.deletePrefix('kpi/');
    lake = await openLake(ctx);
    // Trino's array_join, which the insight SQL uses
    await definePortableFunctions(lake);
    server = new DuckDbAthena(lake, store);
  });

  beforeEach(() => {
    server = new DuckDbAthena(lake, store);
    server.install(athena);
  });

  afterAll(async () => {
    await lake?.close();
    await rm(workspace, { recursive: true, force: true });
  });

  it('sends the canonical views, then one UNLOAD per family whose query is exactly the familyQuery text', async () => {
    await computeVersion(withEngine('athena'), asOf);

    const views = (await readSqlFolder('canonical')).length;
    expect(server.statements.slice(0, views).every((s) => s.sql.startsWith('CREATE OR REPLACE VIEW '))).toBe(true);
    expect(server.statements.every((s) => s.workgroup === 'scorecard-analysts' && s.database === 'scorecard_lake')).toBe(true);
    const sql = await readKpiSql();
    const params = runParams(withEngine('athena').config, asOf);
    const unloaded = server.unloads();
    const insights = insightSteps(sql, await readInsightSql(), params, BUCKET);
    expect(insights.length).toBeGreaterThan(0);
    // and the kpi_same_point run (over the P′ periods) sends the KPI families again, without the insight SQL
    const samePoint = samePointRun(params) ? 1 : 0;
    expect(unloaded).toHaveLength(sql.families.length + 2 + insights.length + samePoint * (sql.families.length + 2));
    for (const family of sql.families) {
      // the parity: the text Athena received is the text DuckDB ran here, and familyQuery's
      expect(unloaded.map((u) => u.query)).toContain(familyQuery(sql, family, params));
    }
    for (const step of insights) expect(unloaded.map((u) => u.query)).toContain(step.query);
    // the kpi_same_point run stages under its own as_of
    const prefixes = [asOf, samePointRun(params)?.asOf ?? asOf].map((d) => `s3://${BUCKET}/${stagingPrefix(d)}`);
    expect(unloaded.every((u) => prefixes.some((p) => u.location.startsWith(p)))).toBe(true);
  });

  it.each(Object.entries(TABLE_KEYS))('%s matches expected/ row by row', async (table, keys) => {
    await computeVersion(withEngine('athena'), asOf);
    const engine = await DuckDbEngine.open();
    try {
      const file = liveKpiFile(store.root, table as 'kpi_values', asOf);
      await engine.exec(`CREATE VIEW ${table} AS SELECT * FROM read_parquet(${quoteLiteral(file)})`);
      // the stage breakdown, newer than the expected CSVs, is checked in golden.test.ts; here it must equal DuckDB's (below)
      const diff = await compareKpis(engine, table, join(dir, 'expected', `${table}.csv`), keys, {
        expectedDimensionsOnly: table === 'kpi_breakdowns',
      });
      expect(diff.sample).toEqual([]);
      expect(diff).toMatchObject({ missing: 0, extra: 0, mismatched: 0 });
      expect(diff.actual).toBeGreaterThan(0);
      expect(Object.keys(diff.uncompared)).toEqual(table === 'kpi_breakdowns' ? ['stage'] : []);
    } finally {
      await engine.close();
    }
  });

  it.each(INSIGHT_TABLES.map((t) => [t]))('insight table %s matches expected/insights/ row by row', async (table) => {
    await computeVersion(withEngine('athena'), asOf);
    const engine = await DuckDbEngine.open();
    try {
      const file = liveKpiFile(store.root, table, asOf);
      await engine.exec(`CREATE VIEW ${table} AS SELECT * FROM read_parquet(${quoteLiteral(file)})`);
      const diff = await compareInsights(engine, table, join(dir, 'expected', 'insights', `${table}.csv`), INSIGHT_KEYS[table] ?? []);
      expect(diff.sample).toEqual([]);
      expect(diff.actual).toBeGreaterThan(0);
    } finally {
      await engine.close();
    }
  });

  it('writes the tables of the DuckDB path, and leaves no staged rows behind', async () => {
    await computeVersion(withEngine('athena'), asOf);
    const onAthena = await objects(store, 'kpi/');
    expect(await store.list('staging/')).toEqual([]);
    await expectSameVersion(onAthena, onDuckDb, asOf, workspace);
  });
});

describe('a compute run on Athena that fails or is re-run', () => {
  const name = 'basic';
  let workspace: string;
  let store: FsStore;
  let ctx: StageContext;
  let asOf: string;
  let lake: DuckDbEngine;
  let server: DuckDbAthena;

  beforeAll(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'compute-athena-rerun-'));
    store = new FsStore(join(workspace, 'lake'));
    const base = { config: resolveConfig({ workspace }), store, log: memoryLog(), scratch: join(workspace, 'scratch') };
    asOf = (await readFile(join(GOLDEN, name, 'as_of'), 'utf8')).trim();
    await landDrop(base, join(GOLDEN, name, 'drop'), asOf);
    await ingestDrop(base, asOf);
    lake = await openLake(base);
    await definePortableFunctions(lake);
    ctx = { ...base, config: resolveConfig({ workspace, engine: 'athena', store: { kind: 's3', bucket: BUCKET } }) };
  });

  beforeEach(() => {
    server = new DuckDbAthena(lake, store);
    server.install(athena);
  });

  afterAll(async () => {
    await lake?.close();
    await rm(workspace, { recursive: true, force: true });
  });

  it('clears what a crashed run left in staging and in the partition, and gives the same tables again', async () => {
    await computeVersion(ctx, asOf);
    const first = await objects(store, 'kpi/');
    await store.put(`${stagingPrefix(asOf)}01_revenue/q-crashed_00000`, 'half a file');
    await store.put(`${kpiPartition('kpi_values', asOf)}20261126_000000_00001_stale`, 'appended by an INSERT INTO');

    await computeVersion(ctx, asOf);

    await expectSameVersion(await objects(store, 'kpi/'), first, asOf, workspace);
    expect(await store.list('staging/')).toEqual([]);
  });

  it('keeps the previous version whole when a query fails, and names the file', async () => {
    await computeVersion(ctx, asOf);
    const before = await objects(store, 'kpi/');
    server.failStep = '03_pipeline';

    const failure: unknown = await computeVersion(ctx, asOf).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(AthenaQueryError);
    expect((failure as Error).message).toMatch(/^Athena query q-\d+ failed: kpis\/03_pipeline\.sql: Query exhausted resources at this scale factor$/);
    expect(await objects(store, 'kpi/')).toEqual(before);
    expect(await store.list('staging/')).toEqual([]);
  });

  it('runs a query again after a transient failure, on a cleared prefix', async () => {
    await computeVersion(ctx, asOf);
    const before = await objects(store, 'kpi/');
    const sent = server.unloads().length;
    server.failStep = '02_performance';
    server.failRetryable = true;

    await computeVersion(ctx, asOf);

    const second = server.unloads().slice(sent);
    const insights = insightSteps(await readKpiSql(), await readInsightSql(), runParams(ctx.config, asOf), BUCKET);
    // the kpi_same_point run (after the main run's queries) sends the 13 KPI queries once more
    const samePoint = samePointRun(runParams(ctx.config, asOf)) ? 1 : 0;
    expect(second).toHaveLength(13 + insights.length + 1 + 13 * samePoint);
    expect(second.filter((u) => u.location.endsWith('/02_performance/'))).toHaveLength(2 + samePoint);
    await expectSameVersion(await objects(store, 'kpi/'), before, asOf, workspace);
    expect(await store.list('staging/')).toEqual([]);
  });

  it('refuses to run with the lake in a local folder, before sending anything', async () => {
    const local = { ...ctx, config: resolveConfig({ workspace, engine: 'athena' }) };
    await expect(computeVersion(local, asOf)).rejects.toThrow(/engine "athena" computes over the lake on S3/);
    expect(server.statements).toEqual([]);
  });
});
