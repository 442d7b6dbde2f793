import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeVersion } from '../../../functions/compute/compute.ts';
import { INSIGHT_TABLES } from '../../../functions/lake/insight-tables.ts';
import { OUTPUT_TABLES } from '../../../functions/lake/output-tables.ts';
import { liveKpiFile } from '../../helpers/live-kpi.ts';
import { resolveConfig } from '../../../functions/config.ts';
import type { StageContext } from '../../../functions/context.ts';
import { DuckDbEngine } from '../../../functions/engine/duckdb.ts';
import { quoteLiteral } from '../../../functions/engine/engine.ts';
import { ingestDrop, landDrop } from '../../../functions/ingest/ingest.ts';
import { memoryLog } from '../../../functions/log.ts';
import { FsStore } from '../../../functions/store/fs.ts';
import { GOLDEN, GOLDEN_CASES } from '../../helpers/golden.ts';
import { compareInsights, INSIGHT_KEYS } from './compare-insights.ts';
import { identityFailures } from './insight-identities.ts';

describe.each(GOLDEN_CASES)('golden case %s: the insight tables', (name) => {
  const dir = join(GOLDEN, name);
  let workspace: string;
  let engine: DuckDbEngine;

  beforeAll(async () => {
    workspace = await mkdtemp(join(tmpdir(), `insights-golden-${name}-`));
    const ctx: StageContext = {
      config: resolveConfig({ workspace }),
      store: new FsStore(workspace),
      log: memoryLog(),
      scratch: join(workspace, 'scratch'),
    };
    const asOf = (await readFile(join(dir, 'as_of'), 'utf8')).trim();
    await landDrop(ctx, join(dir, 'drop'), asOf);
    await ingestDrop(ctx, asOf);
    await computeVersion(ctx, asOf);
    engine = await DuckDbEngine.open();
    for (const table of OUTPUT_TABLES) {
      const file = liveKpiFile(workspace, table, asOf);
      await engine.exec(`CREATE VIEW ${table} AS SELECT * FROM read_parquet(${quoteLiteral(file)})`);
    }
  });

  afterAll(async () => {
    await engine?.close();
    await rm(workspace, { recursive: true, force: true });
  });

  it.each(INSIGHT_TABLES.map((t) => [t]))('%s matches expected/insights/ row by row', async (table) => {
    const diff = await compareInsights(engine, table, join(dir, 'expected', 'insights', `${table}.csv`), INSIGHT_KEYS[table] ?? []);
    expect(diff.sample).toEqual([]);
    expect(diff).toMatchObject({ missing: 0, extra: 0, mismatched: 0 });
    expect(diff.actual).toBeGreaterThan(0);
  });

  it('the comparison notices a changed amount, flag and date, a NULL and a missing row', async () => {
    await engine.exec(`CREATE OR REPLACE TEMP TABLE tampered AS
      SELECT *, row_number() OVER (ORDER BY opportunity_id) AS n FROM deals`);
    await engine.exec(`UPDATE tampered SET amount = amount * (1 + 1e-5) + 1 WHERE n = 1`);
    await engine.exec(`UPDATE tampered SET past_close_date = NOT past_close_date WHERE n = 2`);
    await engine.exec(`UPDATE tampered SET close_date = close_date + 1 WHERE n = 3`);
    await engine.exec(`UPDATE tampered SET forecast_category = NULL WHERE n = 4`);
    await engine.exec(`DELETE FROM tampered WHERE n = 5`);
    await engine.exec(`ALTER TABLE tampered DROP COLUMN n`);
    const diff = await compareInsights(engine, 'tampered', join(dir, 'expected', 'insights', 'deals.csv'), ['opportunity_id']);
    expect(diff).toMatchObject({ mismatched: 4, missing: 1, extra: 0 });
  });

  it('the identities notice a waterfall that does not add up and a deal left out', async () => {
    await engine.exec(`CREATE OR REPLACE TEMP TABLE pipeline_movement AS SELECT * FROM main.pipeline_movement`);
    await engine.exec(`UPDATE pipeline_movement SET amount = amount + 100 WHERE level = 'org' AND "window" = 'quarter' AND bucket = 'created'`);
    await engine.exec(`CREATE OR REPLACE TEMP TABLE deals AS SELECT * FROM main.deals WHERE opportunity_id <> (SELECT MIN(opportunity_id) FROM main.deals WHERE is_open)`);
    try {
      const failures = await identityFailures(engine);
      expect(failures).toContain('waterfall: org org quarter');
      expect(failures.some((f) => f.startsWith('open deals = open_pipeline, open_opps: '))).toBe(true);
    } finally {
      await engine.exec('DROP TABLE temp.pipeline_movement');
      await engine.exec('DROP TABLE temp.deals');
    }
  });

  it('holds the identities: waterfalls add up, deals add up to open_pipeline and bookings, calls agree with the deal book', async () => {
    expect(await identityFailures(engine)).toEqual([]);
  });
});
