import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../functions/config.ts';
import type { StageContext } from '../../../functions/context.ts';
import { DuckDbEngine } from '../../../functions/engine/duckdb.ts';
import { memoryLog } from '../../../functions/log.ts';
import { runNightly, type NightlyResult } from '../../../functions/nightly.ts';
import { aePath, orgPath, pageFile, teamPath } from '../../../functions/report/routes.ts';
import { FsStore } from '../../../functions/store/fs.ts';
import type { OutputTable } from '../../../functions/lake/output-tables.ts';
import { liveKpiFile } from '../../helpers/live-kpi.ts';

const AS_OF = '2026-11-26';
let workspace: string;
let ctx: StageContext;
let result: NightlyResult;
let duck: DuckDbEngine;

interface Entity {
  level: string;
  entity_id: string;
  email: string | null;
  is_active: boolean;
}

beforeAll(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'nightly-'));
  const config = resolveConfig({ workspace, siteBaseUrl: 'https://reports.example.com' });
  ctx = { config, store: new FsStore(workspace), log: memoryLog(), scratch: await mkdtemp(join(tmpdir(), 'scratch-')) };
  result = await runNightly(ctx, { asOf: AS_OF });
  duck = await DuckDbEngine.open();
}, 600_000);

afterAll(async () => {
  await duck?.close();
  await rm(workspace, { recursive: true, force: true });
  await rm(ctx.scratch, { recursive: true, force: true });
});

const kpiFile = (table: string) => liveKpiFile(workspace, table as OutputTable, AS_OF);

describe('scorecard nightly on an empty workspace', () => {
  it('generated the demo drop and ingested it', () => {
    expect(result.drops).toEqual([AS_OF]);
  });

  it('wrote kpi_values with the columns and types of the catalog', async () => {
    const columns = await duck.query<{ column_name: string; column_type: string }>(
      `SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('${kpiFile('kpi_values')}'))`,
    );

    expect(columns.map((c) => [c.column_name, c.column_type])).toEqual([
      ['as_of', 'DATE'],
      ['kpi', 'VARCHAR'],
      ['level', 'VARCHAR'],
      ['entity_id', 'VARCHAR'],
      ['period_type', 'VARCHAR'],
      ['period_start', 'DATE'],
      ['period_end', 'DATE'],
      ['value', 'DOUBLE'],
      ['numerator', 'DOUBLE'],
      ['denominator', 'DOUBLE'],
    ]);
  });

  it.each(['bookings', 'quota', 'quota_attainment_pct', 'deals_won', 'win_rate_pct'])(
    'has %s for every entity, 12 months and 4 quarters',
    async (kpi) => {
      const [counts] = await duck.query<{ entities: number; rows: number; months: number; quarters: number }>(`
        WITH e AS (SELECT * FROM read_parquet('${kpiFile('entities')}')),
             v AS (SELECT * FROM read_parquet('${kpiFile('kpi_values')}') WHERE kpi = '${kpi}')
        SELECT CAST((SELECT count(*) FROM e) AS INTEGER) AS entities,
               CAST((SELECT count(*) FROM v) AS INTEGER) AS rows,
               CAST((SELECT count(DISTINCT period_start) FROM v WHERE period_type = 'month') AS INTEGER) AS months,
               CAST((SELECT count(DISTINCT period_start) FROM v WHERE period_type = 'quarter') AS INTEGER) AS quarters`);

      expect(counts?.months).toBe(12);
      expect(counts?.quarters).toBe(4);
      expect(counts?.rows).toBe((counts?.entities ?? 0) * 16);
    },
  );

  it('published the org page, a page per team and per active AE', async () => {
    const entities = await duck.query<Entity>(`SELECT * FROM read_parquet('${kpiFile('entities')}')`);
    const teams = entities.filter((e) => e.level === 'team');
    const activeAes = entities.filter((e) => e.level === 'ae' && e.is_active);
    expect(teams.length).toBeGreaterThanOrEqual(3);
    expect(activeAes.length).toBeGreaterThanOrEqual(10);

    const paths = [orgPath(AS_OF), ...teams.map((t) => teamPath(AS_OF, t.entity_id)), ...activeAes.map((a) => aePath(AS_OF, a.entity_id))];
    for (const path of paths) {
      const html = await readFile(join(workspace, 'site', pageFile(path)), 'utf8');
      expect(html, path).toMatch(/<html/);
    }
    const org = await readFile(join(workspace, 'site', pageFile(orgPath(AS_OF))), 'utf8');
    // at least one chart rendered to SVG at build time
    expect(org).toMatch(/<svg[^>]*>/);
    // the deployed CSP allows scripts from files only: nothing inline
    expect(org.match(/<script(?![^>]*\bsrc=)[^>]*>/g) ?? []).toEqual([]);
  });

  it('wrote one e-mail per team manager, linking to a page that exists', async () => {
    const entities = await duck.query<Entity>(`SELECT * FROM read_parquet('${kpiFile('entities')}')`);
    const managers = entities.filter((e) => e.level === 'team');
    const outbox = join(workspace, 'outbox', AS_OF);
    const files = (await readdir(outbox)).filter((f) => f.endsWith('.eml'));

    const messages = await Promise.all(files.map(async (f) => simpleParser(await readFile(join(outbox, f)))));

    expect(files).toHaveLength(managers.length);
    for (const manager of managers) {
      const path = teamPath(AS_OF, manager.entity_id);
      const mine = messages.filter((m) => m.text?.includes(`https://reports.example.com/${path}`));
      expect(mine, manager.entity_id).toHaveLength(1);
      await expect(readFile(join(workspace, 'site', pageFile(path)), 'utf8')).resolves.toMatch(/<html/);
    }
  });
});
