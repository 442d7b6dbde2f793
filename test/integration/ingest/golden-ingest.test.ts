import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../functions/config.ts';
import type { StageContext } from '../../../functions/context.ts';
import type { DuckDbEngine } from '../../../functions/engine/duckdb.ts';
import { openLake } from '../../../functions/lake/open.ts';
import { ingestDrop, landDrop, type IngestReport } from '../../../functions/ingest/ingest.ts';
import { TABLES } from '../../../functions/lake/raw-tables.ts';
import { memoryLog } from '../../../functions/log.ts';
import { FsStore } from '../../../functions/store/fs.ts';
import { GOLDEN } from '../../helpers/golden.ts';


/** The reference implementation's report: its own shape; its counts are the current state of each file's table. */
interface ExpectedReport {
  loaded: Record<string, number>;
  quarantined: { file: string; line: number; reason: string }[];
  rejected: unknown[];
}

/** Which canonical relation holds each file's records. */
const RELATION: Record<string, string> = {
  'crm/User.csv': 'users',
  'crm/Account.csv': 'accounts',
  'crm/Opportunity.csv': 'opportunities',
  'crm/OpportunityHistory.csv': 'opportunity_history',
  'crm/OpportunityLineItem.csv': 'opportunity_line_items',
  'crm/Product2.csv': 'products',
  'crm/Lead.csv': 'leads',
  'crm/Task.csv': 'tasks',
  'crm/Event.csv': 'events',
  'crm/Case.csv': 'cases',
  'crm/Contract.csv': 'contracts',
  'crm/ForecastingQuota.csv': 'forecasting_quotas',
  'surveys/csat.csv': 'csat_responses',
  'coaching/feedback.csv': 'coaching_feedback',
  'lms/statements.jsonl': 'raw_lms_statements',
  'lms/enrollments.csv': 'lms_enrollments',
  'lms/assessments.csv': 'lms_assessments',
};

const DUCK_TYPES = { varchar: 'VARCHAR', boolean: 'BOOLEAN', double: 'DOUBLE', date: 'DATE', timestamp: 'TIMESTAMP' };

describe.each(['basic', 'probes'])('golden drop %s', (name) => {
  let workspace: string;
  let ctx: StageContext;
  let report: IngestReport;
  let expected: ExpectedReport;
  let lake: DuckDbEngine;

  beforeAll(async () => {
    workspace = await mkdtemp(join(tmpdir(), `ingest-golden-${name}-`));
    ctx = {
      config: resolveConfig({ workspace }),
      store: new FsStore(workspace),
      log: memoryLog(),
      scratch: join(workspace, 'scratch'),
    };
    expected = JSON.parse(await readFile(join(GOLDEN, name, 'expected', 'ingest_report.json'), 'utf8')) as ExpectedReport;
    const asOf = (await readFile(join(GOLDEN, name, 'as_of'), 'utf8')).trim();
    await landDrop(ctx, join(GOLDEN, name, 'drop'), asOf);
    report = await ingestDrop(ctx, asOf);
    lake = await openLake(ctx);
  });

  afterAll(async () => {
    await lake?.close();
    await rm(workspace, { recursive: true, force: true });
  });

  it('rejects no file and quarantines exactly the expected rows, with file, line and column', () => {
    expect(report.files.filter((f) => f.status === 'rejected')).toEqual([]);
    const quarantined = report.files.flatMap((f) => f.samples.map((s) => ({ file: s.file, line: s.line, column: s.column })));
    const wanted = expected.quarantined.map((q) => ({
      file: q.file.replace(/^.*\/drop\//, ''),
      line: q.line,
      column: q.reason.split(':')[0],
    }));
    expect(quarantined).toEqual(wanted);
  });

  it('loads every record read that was not quarantined', () => {
    for (const file of report.files) expect(file.loaded, file.file).toBe(file.read - file.quarantined);
    expect(report.totals.quarantined).toBe(expected.quarantined.length);
  });

  it('gives each table the current-state row count of the reference', async () => {
    for (const [file, count] of Object.entries(expected.loaded)) {
      if (count === 0) {
        expect(report.files.some((f) => f.file.startsWith(file)), file).toBe(false);
        continue;
      }
      const relation = RELATION[file];
      const [row] = await lake.query<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM ${relation}`);
      expect(row?.n, `${file} → ${relation}`).toBe(count);
    }
  });

  it('types every canonical view exactly as schema.ts says', async () => {
    for (const table of TABLES) {
      const columns = await lake.query<{ column_name: string; column_type: string }>(`DESCRIBE ${table.name}`);
      expect(
        columns.map((c) => `${c.column_name} ${c.column_type}`),
        table.name,
      ).toEqual(table.columns.map((c) => `${c.name} ${DUCK_TYPES[c.type]}`));
    }
  });

  it('keeps quoted commas, doubled quotes and Thai text intact', async () => {
    const accounts = await lake.query<{ name: string; thai: boolean }>(
      `SELECT name, billing_city LIKE '%ก%' OR billing_city LIKE '%เ%' AS thai FROM accounts WHERE name LIKE '%"Smart"%'`,
    );
    expect(accounts).toEqual([{ name: 'Siam "Smart" Solutions, Ltd.', thai: true }]);
  });

  it('reads the `YYYY-MM-DD HH:MM:SS` datetimes and 1/0 booleans of the case export (plain or gzip)', async () => {
    const file = name === 'basic' ? 'Case.csv' : 'Case.csv.gz';
    const bytes = await readFile(join(GOLDEN, name, 'drop', 'crm', file));
    const text = (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
    const first = text.split('\n')[1] ?? '';
    const m = /^([^,]+),.*,(0|1),(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d),([^,]*),(0|1),/.exec(first);
    expect(m).not.toBeNull();
    const [, id, closed, created, closedDate] = m ?? [];
    const [row] = await lake.query<{ is_closed: boolean; created: string; closed: string | null }>(
      `SELECT is_closed, CAST(created_date AS VARCHAR) AS created, CAST(closed_date AS VARCHAR) AS closed
       FROM cases WHERE id = '${id}'`,
    );
    expect(row).toEqual({ is_closed: closed === '1', created, closed: closedDate || null });
  });

  it('keeps the latest version of a re-exported id and drops deleted records', async () => {
    const dupes = await lake.query<{ id: string; n: number }>(
      `SELECT id, CAST(count(*) AS INTEGER) AS n FROM raw_opportunities GROUP BY id HAVING count(*) > 1`,
    );
    for (const { id } of dupes) {
      const [current] = await lake.query<{ stamp: string }>(
        `SELECT CAST(system_modstamp AS VARCHAR) AS stamp FROM opportunities WHERE id = '${id}'`,
      );
      const [latest] = await lake.query<{ stamp: string }>(
        `SELECT CAST(max(system_modstamp) AS VARCHAR) AS stamp FROM raw_opportunities WHERE id = '${id}'`,
      );
      expect(current?.stamp).toBe(latest?.stamp);
    }
    const [deleted] = await lake.query<{ n: number }>(
      `SELECT CAST(count(*) AS INTEGER) AS n FROM opportunities o JOIN raw_opportunities r ON r.id = o.id WHERE r.is_deleted`,
    );
    expect(deleted?.n).toBe(0);
  });

  it('writes the report and keeps the originals under landing/', async () => {
    const saved = JSON.parse(new TextDecoder().decode(await ctx.store.get(`reports/ingest/${report.drop}.json`))) as IngestReport;
    expect(saved).toEqual(report);
    const landed = await ctx.store.list(`landing/${report.drop}/`);
    expect(landed).toContain(`landing/${report.drop}/_SUCCESS`);
    const original = await readFile(join(GOLDEN, name, 'drop', 'crm', 'User.csv'));
    expect(Buffer.from((await ctx.store.get(`landing/${report.drop}/crm/User.csv`)) ?? []).equals(original)).toBe(true);
  });
});
