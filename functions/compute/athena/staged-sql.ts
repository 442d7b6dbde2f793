import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { StageContext } from '../../context.ts';
import { quoteLiteral } from '../../engine/engine.ts';
import { stageToLocal } from '../../store/local.ts';
import { ComputeError } from '../errors.ts';
import type { BlockFile, KpiSql } from '../kpi-sql.ts';
import { stagingPrefix, type AthenaStep } from './steps.ts';

/** The files one UNLOAD wrote: Athena names them without an extension, and never with a leading `_` or `.`. */
export async function unloadedFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && !/^[._]/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

// a family whose query returned no row may leave no file: an empty relation, which the checks then report
const NO_ROWS = `SELECT CAST(NULL AS VARCHAR) AS kpi, CAST(NULL AS VARCHAR) AS level, CAST(NULL AS VARCHAR) AS entity_id,
  CAST(NULL AS VARCHAR) AS period_type, CAST(NULL AS DATE) AS period_start, CAST(NULL AS DOUBLE) AS value,
  CAST(NULL AS DOUBLE) AS numerator, CAST(NULL AS DOUBLE) AS denominator, CAST(NULL AS VARCHAR) AS dimension,
  CAST(NULL AS VARCHAR) AS dimension_value WHERE FALSE`;

const readParquet = (files: string[]): string =>
  `SELECT * FROM read_parquet([${files.map(quoteLiteral).join(', ')}], union_by_name = true, hive_partitioning = false)`;

/**
 * The KPI SQL of a run whose queries Athena has already run: each family and
 * each staged building block becomes a SELECT over the Parquet its UNLOAD
 * wrote (staged into the scratch folder when the lake is on S3), under the
 * file's own name. Given to `computeKpiTables` on an in-process DuckDB, it
 * checks the rows and shapes the output tables exactly as a DuckDB run does;
 * the data read is the KPI rows only, never the drops.
 *
 * @example
 * const staged = await stagedKpiSql(ctx, steps, '2026-11-26');
 * await computeKpiTables(await DuckDbEngine.open(), params, staged);
 */
export async function stagedKpiSql(ctx: StageContext, steps: AthenaStep[], asOf: string): Promise<KpiSql> {
  const local = await stageToLocal(ctx.store, stagingPrefix(asOf), ctx.scratch);
  const staged: KpiSql = { blocks: [], families: [] };
  for (const step of steps) {
    const files = await unloadedFiles(join(local, step.name));
    if (step.kind === 'family') {
      staged.families.push({ name: step.file, text: files.length > 0 ? readParquet(files) : NO_ROWS });
      continue;
    }
    if (files.length === 0) {
      throw new ComputeError(
        `Athena left no rows of ${step.file} under ${step.prefix} in ${ctx.store.description}`,
        'the run has no entities: check that the drops were ingested (raw/) and the canonical views exist in Glue',
      );
    }
    const block: BlockFile = { name: step.file, text: readParquet(files), relation: step.name, order: staged.blocks.length };
    staged.blocks.push(block);
  }
  return staged;
}
