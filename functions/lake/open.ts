import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { StageContext } from '../context.ts';
import { committedDrops, dropOfRawFile } from './committed.ts';
import { TABLES, type Table } from './raw-tables.ts';
import { stageToLocal } from '../store/local.ts';
import { DuckDbEngine, type DuckDbOptions } from '../engine/duckdb.ts';
import { quoteIdentifier, quoteLiteral } from '../engine/engine.ts';
import { readSqlFolder } from '../engine/sql-files.ts';

const DUCK_TYPES = { varchar: 'VARCHAR', boolean: 'BOOLEAN', double: 'DOUBLE', date: 'DATE', timestamp: 'TIMESTAMP' };

/** Every Parquet file under `dir`, recursively, sorted (none when `dir` does not exist). */
export async function parquetFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.parquet')) out.push(join(entry.parentPath, entry.name));
  }
  return out.sort();
}

/**
 * `raw_<table>`: every drop's typed rows of one table. With no drop holding
 * the table yet it is an empty relation of the right columns, so that the
 * canonical views and KPI SQL still run (and count zero).
 */
async function registerRawTable(engine: DuckDbEngine, table: Table, rawDir: string, committed: Set<string>): Promise<void> {
  const name = quoteIdentifier(`raw_${table.name}`);
  // only drops whose ingest finished: a half-ingested drop is never read
  const files = (await parquetFiles(join(rawDir, table.name))).filter((f) => committed.has(dropOfRawFile(f) ?? ''));
  if (files.length === 0) {
    const columns = table.columns.map((c) => `${quoteIdentifier(c.name)} ${DUCK_TYPES[c.type]}`);
    await engine.exec(
      `CREATE OR REPLACE TABLE ${name} (${[...columns, 'drop_id VARCHAR', 'source_line BIGINT'].join(', ')})`,
    );
    return;
  }
  const list = files.map(quoteLiteral).join(', ');
  await engine.exec(
    `CREATE OR REPLACE VIEW ${name} AS SELECT * FROM read_parquet([${list}], union_by_name = true, hive_partitioning = false)`,
  );
}

/**
 * Opens DuckDB over the lake: `raw_*` relations over the drops' Parquet, then
 * the canonical views of `sql/canonical/` (current state of every table).
 * On S3 the raw zone is first staged into `ctx.scratch`.
 */
export async function openLake(ctx: StageContext, options: DuckDbOptions = {}): Promise<DuckDbEngine> {
  const committed = await committedDrops(ctx.store);
  const rawDir = await stageToLocal(ctx.store, 'raw/', ctx.scratch);
  const engine = await DuckDbEngine.open({ ...ctx.duckdb, ...options });
  try {
    for (const table of TABLES) await registerRawTable(engine, table, rawDir, committed);
    for (const file of await readSqlFolder('canonical')) await engine.exec(file.text);
    return engine;
  } catch (error) {
    await engine.close();
    throw error;
  }
}
