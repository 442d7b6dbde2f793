import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runParams, withParams } from '../../../functions/compute/params.ts';
import { definePortableFunctions } from '../../../functions/compute/portable-sql.ts';
import { computeKpiTables } from '../../../functions/compute/tables.ts';
import type { StageContext } from '../../../functions/context.ts';
import type { DuckDbEngine } from '../../../functions/engine/duckdb.ts';
import { openLake } from '../../../functions/engine/lake.ts';
import { SQL_DIR } from '../../../functions/engine/sql-files.ts';

/**
 * A DuckDB session over the lake of `ctx` in which the KPI SQL has run for
 * `asOf` and then the insight SELECTs `tables` (sql/insights/<table>.sql),
 * each left as a temporary table of its name: the tables as a compute run
 * makes them, without writing a version.
 */
export async function insightEngine(ctx: StageContext, asOf: string, tables: string[]): Promise<DuckDbEngine> {
  const engine = await openLake(ctx);
  const params = runParams(ctx.config, asOf);
  await computeKpiTables(engine, params);
  await definePortableFunctions(engine);
  for (const table of tables) {
    const text = await readFile(join(SQL_DIR, 'insights', `${table}.sql`), 'utf8');
    await engine.exec(`CREATE OR REPLACE TEMP TABLE ${table} AS ${withParams(text, params)}`);
  }
  return engine;
}
