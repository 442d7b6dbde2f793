import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../functions/config.ts';
import type { StageContext } from '../../../functions/context.ts';
import { writeDemoDrop } from '../../../functions/demo/demo.ts';
import { directoryWriter } from '../../../functions/demo/writers.ts';
import type { DuckDbEngine } from '../../../functions/engine/duckdb.ts';
import { quoteIdentifier, quoteLiteral } from '../../../functions/engine/engine.ts';
import { openLake } from '../../../functions/lake/open.ts';
import { SALESFORCE_OBJECTS } from '../../../functions/ingest/formats/salesforce.ts';
import { ingestDrop, landDrop, type IngestReport } from '../../../functions/ingest/ingest.ts';
import { tableByName, type Column } from '../../../functions/lake/raw-tables.ts';
import { memoryLog } from '../../../functions/log.ts';
import { FsStore } from '../../../functions/store/fs.ts';

/**
 * Unseen drops (the demo organisation, in both CRM layouts) ingested and
 * compared record by record with what the files hold, read independently
 * by DuckDB's own CSV and JSON readers.
 */
const DROP = '2026-11-26';

/** The file's text of a column, typed the way the contract reads it (DuckDB SQL over an all-VARCHAR read). */
function expected(column: Column, field: string): string {
  const f = `NULLIF(trim(${field}), '')`;
  switch (column.type) {
    case 'varchar':
      return `NULLIF(${field}, '')`;
    case 'boolean':
      return `CAST(lower(${f}) IN ('true', '1') AS BOOLEAN)`;
    case 'double':
      return `CAST(${f} AS DOUBLE)`;
    case 'date':
      return `CAST(substr(${f}, 1, 10) AS DATE)`;
    case 'timestamp':
      return `CAST(CAST(${f} AS TIMESTAMPTZ) AT TIME ZONE 'UTC' AS TIMESTAMP)`;
  }
}

/** Rows of `a` not in `b` and of `b` not in `a`, counted as multisets. */
async function difference(lake: DuckDbEngine, a: string, b: string): Promise<number> {
  const [row] = await lake.query<{ n: number }>(
    `SELECT CAST(count(*) AS INTEGER) AS n FROM ((${a} EXCEPT ALL ${b}) UNION ALL (${b} EXCEPT ALL ${a}))`,
  );
  return row?.n ?? -1;
}

async function ingestDemo(crm: 'salesforce' | 'hubspot', root: string) {
  const dir = join(root, crm);
  const drop = join(dir, 'drop');
  const counts = await writeDemoDrop(directoryWriter(drop), { asOf: DROP, seed: 3, scale: 0.3, crm });
  const ctx: StageContext = {
    config: resolveConfig({ workspace: join(dir, 'lake') }),
    store: new FsStore(join(dir, 'lake')),
    log: memoryLog(),
    scratch: join(dir, 'scratch'),
  };
  await landDrop(ctx, drop, DROP);
  const report = await ingestDrop(ctx, DROP);
  const lake = await openLake(ctx);
  return { drop, counts, report, lake };
}

const csv = (path: string) => `read_csv(${quoteLiteral(path)}, all_varchar = true, header = true)`;

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ingest-demo-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe.each(['salesforce', 'hubspot'] as const)('an unseen %s-layout drop', (crm) => {
  let drop: string;
  let counts: Record<string, number>;
  let report: IngestReport;
  let lake: DuckDbEngine;

  beforeAll(async () => {
    ({ drop, counts, report, lake } = await ingestDemo(crm, root));
  });

  afterAll(async () => {
    await lake?.close();
  });

  it('loads every file of the drop whole', () => {
    expect(report.files.map((f) => f.file).sort()).toEqual(Object.keys(counts).sort());
    for (const file of report.files) {
      expect({ file: file.file, status: file.status, loaded: file.loaded }).toEqual({
        file: file.file,
        status: 'loaded',
        loaded: counts[file.file],
      });
    }
  });

  it('holds every record of the surveys, coaching and LMS files exactly', async () => {
    for (const [file, table] of [
      ['surveys/csat.csv', 'csat_responses'],
      ['coaching/feedback.csv', 'coaching_feedback'],
      ['lms/identity-map.csv', 'lms_identities'],
    ] as const) {
      const columns = tableByName(table).columns;
      const fromFile = `SELECT ${columns.map((c) => expected(c, quoteIdentifier(c.source))).join(', ')} FROM ${csv(join(drop, file))}`;
      const fromLake = `SELECT ${columns.map((c) => quoteIdentifier(c.name)).join(', ')} FROM raw_${table}`;
      if (table === 'lms_identities') {
        // e-mails are matched ignoring case, so ingest stores them lower-cased
        expect(await difference(lake, fromFile.replace('NULLIF("UserEmail"', 'NULLIF(lower("UserEmail")'), fromLake), file).toBe(0);
      } else {
        expect(await difference(lake, fromFile, fromLake), file).toBe(0);
      }
    }
    const statements = `SELECT id, CAST(CAST("timestamp" AS TIMESTAMPTZ) AT TIME ZONE 'UTC' AS TIMESTAMP), verb.id FROM read_json(${quoteLiteral(join(drop, 'lms/statements.jsonl'))})`;
    const loaded = `SELECT id, "timestamp", CASE WHEN verb LIKE 'http%' THEN verb ELSE 'http://adlnet.gov/expapi/verbs/' || verb END FROM raw_lms_statements`;
    expect(await difference(lake, statements, loaded)).toBe(0);
  });

  if (crm === 'salesforce') {
    it('holds every record of each Salesforce object, column by column', async () => {
      for (const [object, tableName] of Object.entries(SALESFORCE_OBJECTS)) {
        const table = tableByName(tableName);
        const path = join(drop, 'crm', `${object}.csv`);
        const header = await lake.query<{ column_name: string }>(`DESCRIBE SELECT * FROM ${csv(path)}`);
        const present = new Set(header.map((h) => h.column_name.toLowerCase()));
        const columns = table.columns.filter((c) => present.has(c.source.toLowerCase()));
        const fromFile = `SELECT ${columns.map((c) => expected(c, quoteIdentifier(c.source))).join(', ')} FROM ${csv(path)}`;
        const fromLake = `SELECT ${columns.map((c) => quoteIdentifier(c.name)).join(', ')} FROM raw_${table.name}`;
        expect(columns.length, object).toBeGreaterThanOrEqual(table.columns.filter((c) => c.required).length);
        expect(await difference(lake, fromFile, fromLake), object).toBe(0);
      }
    });
  } else {
    it('maps every HubSpot record onto the canonical tables, owners resolved by name', async () => {
      const owners = csv(join(drop, 'hubspot/owners.csv'));
      const ownerId = (field: string) =>
        `(SELECT o."Owner ID" FROM ${owners} AS o WHERE lower(o."First Name" || ' ' || o."Last Name") = lower(${field}))`;
      const cases: [string, string, string][] = [
        [
          'owners.csv',
          `SELECT "Owner ID", lower("Email"), "First Name" || ' ' || "Last Name" FROM ${owners}`,
          'SELECT id, email, name FROM raw_users',
        ],
        [
          'companies.csv',
          `SELECT "Record ID", "Company name", ${ownerId('"Company owner"')}, "Country/Region", "State/Region", "City" FROM ${csv(join(drop, 'hubspot/companies.csv'))}`,
          'SELECT id, name, owner_id, billing_country, billing_state, billing_city FROM raw_accounts',
        ],
        [
          'deals.csv',
          `SELECT "Record ID", "Deal Stage", CAST("Amount" AS DOUBLE), CAST("Close Date" AS DATE), CAST("Create Date" AS TIMESTAMP),
             ${ownerId('"Deal owner"')}, split_part("Associated Company IDs", ';', 1), CAST("Is Closed Won" AS BOOLEAN)
           FROM ${csv(join(drop, 'hubspot/deals.csv'))}`,
          'SELECT id, stage_name, amount, close_date, created_date, owner_id, account_id, is_won FROM raw_opportunities',
        ],
        [
          'contacts.csv',
          `SELECT "Record ID", "Lead Status", CAST("Create Date" AS TIMESTAMP), ${ownerId('"Contact owner"')},
             lower(replace("Lifecycle Stage", ' ', '')) IN ('opportunity', 'customer', 'evangelist')
           FROM ${csv(join(drop, 'hubspot/contacts.csv'))}`,
          'SELECT id, status, created_date, owner_id, is_converted FROM raw_leads',
        ],
      ];
      for (const [file, fromFile, fromLake] of cases) expect(await difference(lake, fromFile, fromLake), file).toBe(0);
      const [closed] = await lake.query<{ n: number }>(
        `SELECT CAST(count(*) AS INTEGER) AS n FROM opportunities WHERE is_won AND NOT is_closed`,
      );
      expect(closed?.n).toBe(0);
    });
  }
});
