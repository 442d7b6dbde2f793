import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeVersion } from '../../../functions/compute/compute.ts';
import { runParams } from '../../../functions/compute/params.ts';
import { loadSamePoint, writeSamePointFiles } from '../../../functions/compute/same-point.ts';
import { liveKpiFile } from '../../helpers/live-kpi.ts';
import { resolveConfig } from '../../../functions/config.ts';
import type { StageContext } from '../../../functions/context.ts';
import { DuckDbEngine } from '../../../functions/engine/duckdb.ts';
import { quoteLiteral } from '../../../functions/engine/engine.ts';
import { openLake } from '../../../functions/lake/open.ts';
import { ingestDrop, landDrop } from '../../../functions/ingest/ingest.ts';
import { memoryLog } from '../../../functions/log.ts';
import { FsStore } from '../../../functions/store/fs.ts';
import { SMALL_ORG, writeDrop } from '../compute/small-org.ts';

// As of 2024-02-20 February and Q1 are running: February is compared with
// January 1 … 20, Q1 (50 days in) with October 1 … November 20, 2023.
const AS_OF = '2024-02-20';
const PREVIOUS = [
  { asOf: '2024-01-20', type: 'month', start: '2024-01-01' },
  { asOf: '2023-11-20', type: 'quarter', start: '2023-10-01' },
];

let workspace: string;
let engine: DuckDbEngine;

beforeAll(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'same-point-'));
  const ctx: StageContext = {
    config: resolveConfig({ workspace }),
    store: new FsStore(workspace),
    log: memoryLog(),
    scratch: join(workspace, 'scratch'),
  };
  await writeDrop(join(workspace, 'drop'), SMALL_ORG);
  await landDrop(ctx, join(workspace, 'drop'), '2024-02-29');
  await ingestDrop(ctx, '2024-02-29');
  const files = await writeSamePointFiles(runParams(ctx.config, AS_OF), join(workspace, 'scratch'), async (_, use) => {
    const session = await openLake(ctx);
    try {
      await use(session);
    } finally {
      await session.close();
    }
  });
  // the independent side: whole compute runs as of each pe′, as the nightly run on that day would have written them
  for (const previous of PREVIOUS) await computeVersion(ctx, previous.asOf);
  engine = await DuckDbEngine.open();
  await loadSamePoint(engine, files);
  const parts = PREVIOUS.map((p) => quoteLiteral(liveKpiFile(workspace, 'kpi_values', p.asOf)));
  await engine.exec(`CREATE VIEW earlier_runs AS SELECT * FROM read_parquet([${parts.join(', ')}])`);
});

afterAll(async () => {
  await engine?.close();
  await rm(workspace, { recursive: true, force: true });
});

describe('kpi_same_point', () => {
  it('holds, for each running period, the rows a full run as of pe′ wrote for P′, with as_of D', async () => {
    const expected = await engine.query(`
      SELECT DATE ${quoteLiteral(AS_OF)} AS as_of, kpi, level, entity_id, period_type, period_start, period_end, value, numerator, denominator
      FROM earlier_runs
      WHERE (as_of = DATE '2024-01-20' AND period_type = 'month' AND period_start = DATE '2024-01-01')
         OR (as_of = DATE '2023-11-20' AND period_type = 'quarter' AND period_start = DATE '2023-10-01')
      ORDER BY ALL`);
    const actual = await engine.query('SELECT * FROM kpi_same_point ORDER BY ALL');
    // 49 KPIs × 5 entities (A1, A2, A3, team M, org) × 2 periods
    expect(actual).toHaveLength(49 * 5 * 2);
    expect(actual).toEqual(expected);
  });

  it('ends each P′ at pe′, and leaves forecast_accuracy_pct NULL there', async () => {
    const rows = await engine.query<{ period: string; n: number; accuracy: number }>(`
      SELECT period_type || ' ' || CAST(period_start AS VARCHAR) || '..' || CAST(period_end AS VARCHAR) AS period,
        CAST(count(*) AS INTEGER) AS n,
        CAST(count(CASE WHEN kpi = 'forecast_accuracy_pct' THEN value END) AS INTEGER) AS accuracy
      FROM kpi_same_point GROUP BY 1 ORDER BY 1`);
    expect(rows).toEqual([
      { period: 'month 2024-01-01..2024-01-20', n: 245, accuracy: 0 },
      { period: 'quarter 2023-10-01..2023-11-20', n: 245, accuracy: 0 },
    ]);
  });

  it('counts bookings only up to pe′: January 1 … 20 has O7 (400), not O1 or O6', async () => {
    const [row] = await engine.query<{ value: number }>(
      `SELECT value FROM kpi_same_point WHERE kpi = 'bookings' AND level = 'ae' AND entity_id = '005A1' AND period_type = 'month'`,
    );
    expect(row).toEqual({ value: 400 });
  });
});
