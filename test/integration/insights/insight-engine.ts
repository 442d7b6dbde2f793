import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runParams, withParams } from '../../../functions/compute/params.ts';
import { definePortableFunctions } from '../../../functions/compute/portable-sql.ts';
import { computeKpiTables } from '../../../functions/compute/tables.ts';
import type { StageContext } from '../../../functions/context.ts';
import type { DuckDbEngine } from '../../../functions/engine/duckdb.ts';
import { openLake } from '../../../functions/lake/open.ts';
import { SQL_DIR } from '../../../functions/engine/sql-files.ts';

/**
 * A DuckDB session over the lake of `ctx` in which the KPI SQL has run for
 * `asOf`, then `before` (e.g. tables loaded from expected CSVs), then the
 * given files of sql/insights/ (`coaching_signals`, or a block such as
 * `00_20_coaching_facts`), each left as a temporary table named after its
 * table or relation: one table alone, as a compute run makes it, fed with
 * known inputs.
 */
export async function insightEngine(
  ctx: StageContext,
  asOf: string,
  files: string[],
  before?: (engine: DuckDbEngine) => Promise<void>,
): Promise<DuckDbEngine> {
  const engine = await openLake(ctx);
  const params = runParams(ctx.config, asOf);
  await computeKpiTables(engine, params);
  await definePortableFunctions(engine);
  await before?.(engine);
  for (const file of files) {
    const text = await readFile(join(SQL_DIR, 'insights', `${file}.sql`), 'utf8');
    const relation = file.replace(/^00_\d+_/, '');
    await engine.exec(`CREATE OR REPLACE TEMP TABLE ${relation} AS ${withParams(text, params)}`);
  }
  return engine;
}
