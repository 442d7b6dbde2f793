import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sqlCommand, sqlShell } from '../../../functions/cli/sql.ts';
import { analystQuery, openAnalystLake } from '../../../functions/compute/analyst-lake.ts';
import { computeVersion } from '../../../functions/compute/compute.ts';
import { AnalystQueryError } from '../../../functions/compute/errors.ts';
import { resolveConfig } from '../../../functions/config.ts';
import type { StageContext } from '../../../functions/context.ts';
import type { DuckDbEngine } from '../../../functions/engine/duckdb.ts';
import { readSqlFolder } from '../../../functions/engine/sql-files.ts';
import { ingestDrop, landDrop } from '../../../functions/ingest/ingest.ts';
import { memoryLog } from '../../../functions/log.ts';
import { FsStore } from '../../../functions/store/fs.ts';

const GOLDEN = join(import.meta.dirname, '..', '..', 'golden', 'basic');
const analystFiles = await readSqlFolder('analyst');

let workspace: string;
let ctx: StageContext;
let asOf: string;
let engine: DuckDbEngine;

beforeAll(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'compute-analyst-'));
  ctx = { config: resolveConfig({ workspace }), store: new FsStore(workspace), log: memoryLog(), scratch: join(workspace, 'scratch') };
  asOf = (await readFile(join(GOLDEN, 'as_of'), 'utf8')).trim();
  await landDrop(ctx, join(GOLDEN, 'drop'), asOf);
  await ingestDrop(ctx, asOf);
  // two versions, so that the queries comparing versions have something to compare
  await computeVersion(ctx, '2026-11-20');
  await computeVersion(ctx, asOf);
  engine = await openAnalystLake(ctx);
});

afterAll(async () => {
  await engine?.close();
  await rm(workspace, { recursive: true, force: true });
});

describe('the analysts lake', () => {
  it('has every version of the KPI tables and the canonical tables', async () => {
    const { rows } = await analystQuery(
      engine,
      `SELECT CAST(as_of AS VARCHAR) AS as_of, CAST(count(*) AS INTEGER) AS n FROM kpi_values GROUP BY as_of ORDER BY as_of`,
    );
    expect(rows).toEqual([
      { as_of: '2026-11-20', n: 15680 },
      { as_of: asOf, n: 15680 },
    ]);
    const { rows: opportunities } = await analystQuery(engine, 'SELECT CAST(count(*) AS INTEGER) AS n FROM opportunities');
    expect(opportunities).toEqual([{ n: 402 }]);
  });

  it.each(analystFiles.map((f) => [f.name, f.text]))('runs the saved query %s', async (_, text) => {
    const { columns, rows } = await analystQuery(engine, text);
    expect(columns.length).toBeGreaterThan(1);
    expect(rows.length).toBeGreaterThan(0);
  });

  it('gives the org bookings trend of the newest version, month by month', async () => {
    const file = analystFiles.find((f) => f.name.endsWith('01_org_bookings_trend.sql'));
    const { rows } = await analystQuery(engine, file?.text ?? '');
    const { rows: direct } = await analystQuery(
      engine,
      `SELECT value FROM kpi_values WHERE as_of = DATE '${asOf}' AND level = 'org' AND kpi = 'bookings' AND period_type = 'month' ORDER BY period_start`,
    );
    expect(rows.map((r) => r.bookings)).toEqual(direct.map((r) => r.value));
    expect(rows).toHaveLength(12);
  });

  it('names the columns of an empty result and turns engine errors into AnalystQueryError', async () => {
    expect(await analystQuery(engine, "SELECT kpi, value FROM kpi_values WHERE kpi = 'none';")).toEqual({
      columns: ['kpi', 'value'],
      rows: [],
    });
    await expect(analystQuery(engine, 'SELECT nope FROM kpi_values')).rejects.toThrow(AnalystQueryError);
  });

  it('has empty KPI tables with the right columns before the first compute', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'compute-analyst-empty-'));
    const lake = await openAnalystLake({ ...ctx, store: new FsStore(empty), scratch: join(empty, 'scratch') });
    try {
      const { columns, rows } = await analystQuery(lake, 'SELECT * FROM kpi_breakdowns');
      expect(rows).toEqual([]);
      expect(columns.slice(-2)).toEqual(['dimension', 'dimension_value']);
    } finally {
      await lake.close();
      await rm(empty, { recursive: true, force: true });
    }
  });
});

describe('scorecard sql', () => {
  it('runs statements of several lines in the shell, goes on after an error and switches format', async () => {
    const input = Readable.from(
      [
        "SELECT kpi, CAST(value AS INTEGER) AS v FROM kpi_values WHERE as_of = DATE '2026-11-26'",
        "  AND level = 'org' AND kpi = 'deals_won' AND period_type = 'quarter'",
        '  ORDER BY period_start DESC LIMIT 1;',
        'SELECT oops;',
        '.format csv',
        "SELECT 'a,b' AS x, NULL AS y;",
        '.quit',
        'SELECT 1;',
      ].map((l) => `${l}\n`),
    );
    const output = new PassThrough();
    const chunks: string[] = [];
    output.on('data', (c: Buffer) => chunks.push(c.toString()));
    await sqlShell(engine, input, output, 'table');
    const text = chunks.join('');
    expect(text).toMatch(/^kpi +\| v\n-+-\+-+\ndeals_won \| \d+\n\(1 row\)\n/);
    expect(text).toContain('error: ');
    expect(text).toContain('x,y\n"a,b",\n');
    expect(text).not.toContain('(1 row)\n1\n');
  });

  it('prints one query as CSV to stdout', async () => {
    const config = join(workspace, 'scorecard.config.json');
    await writeFile(config, JSON.stringify({ workspace }));
    const written: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const code = await sqlCommand.run(
        { config, format: 'csv' },
        ["SELECT entity_id, name FROM entities WHERE as_of = DATE '2026-11-26' AND level = 'org'"],
      );
      expect(code).toBe(0);
    } finally {
      spy.mockRestore();
    }
    expect(written.join('')).toBe('entity_id,name\norg,Organisation\n');
  });

  it('refuses an unknown format', async () => {
    await expect(sqlCommand.run({ format: 'xml' }, ['SELECT 1'])).rejects.toThrow(/--format must be one of table, csv, json/);
  });
});
