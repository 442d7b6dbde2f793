import { join } from 'node:path';
import type { StageContext } from '../../context.ts';
import { checkQueryLength, type ComposedSqlOrigin } from '../../engine/athena.ts';
import { quoteLiteral } from '../../engine/engine.ts';
import { stageToLocal } from '../../store/local.ts';
import { ComputeError } from '../errors.ts';
import { INSIGHT_COLUMNS, columnPairs } from '../../lake/insight-tables.ts';
import { readsKpiOutputs, type InsightSql, type InsightTableFile } from '../insights.ts';
import type { BlockFile, KpiSql } from '../kpi-sql.ts';
import type { RunParams } from '../params.ts';
import { familyQuery } from '../single-query.ts';
import { athenaAdapter } from './adapter.ts';
import { stagingPrefix, type AthenaStep } from './steps.ts';
import { unloadedFiles } from './staged-sql.ts';

/**
 * The insight SQL's queries for Athena, staged like the KPI families: each
 * insight building block, and each insight table that does not read the KPI
 * output tables, as one self-contained query (the run parameters, every KPI
 * block and every insight block as CTEs, then the file) unloaded to
 * `staging/compute/as_of=D/insights_<name>/`. The tables that read
 * `kpi_values` & co. run later on the in-process DuckDB
 * ({@link stagedInsightSql}).
 *
 * @example
 * const steps = insightSteps(await readKpiSql(), await readInsightSql(), params, 'acme-lake');
 */
export function insightSteps(kpis: KpiSql, insights: InsightSql, params: RunParams, bucket: string): AthenaStep[] {
  const composed: KpiSql = { blocks: [...kpis.blocks, ...insights.blocks], families: [] };
  const step = (name: string, kind: AthenaStep['kind'], text: string, file: string): AthenaStep => {
    const query = familyQuery(composed, { name: file, text }, params);
    const prefix = `${stagingPrefix(params.asOf)}insights_${name}/`;
    const statement = athenaAdapter.unload(query, `s3://${bucket}/${prefix}`);
    // the composed query has no line map of its own: errors name the file
    const origin: ComposedSqlOrigin = { file, lineOffset: 0, parts: [] };
    checkQueryLength(statement, origin);
    return { name, kind, file, query, statement, prefix, origin };
  };
  return [
    ...insights.blocks.map((b) => step(b.relation, 'block', `SELECT * FROM ${b.relation}`, b.name)),
    ...insights.tables.filter((t) => !readsKpiOutputs(t)).map((t) => step(t.table, 'family', t.text, t.name)),
  ];
}

const readParquet = (files: string[]): string =>
  `SELECT * FROM read_parquet([${files.map(quoteLiteral).join(', ')}], union_by_name = true, hive_partitioning = false)`;

/** An empty relation with a table's columns, for an UNLOAD that wrote no file (no rows). */
function noRows(table: InsightTableFile): string {
  const columns = columnPairs(INSIGHT_COLUMNS[table.table]).map((c) => `CAST(NULL AS ${c.type}) AS "${c.name}"`);
  return `SELECT ${columns.join(', ')} WHERE FALSE`;
}

/**
 * The insight SQL of a run whose Athena steps have run: blocks and tables
 * Athena computed become SELECTs over their staged Parquet; the tables that
 * read the KPI output tables keep their SQL, for the in-process DuckDB.
 *
 * @example
 * const staged = await stagedInsightSql(ctx, steps, insights, '2026-11-26');
 * await computeInsightTables(duckdb, params, staged);
 */
export async function stagedInsightSql(
  ctx: StageContext,
  steps: AthenaStep[],
  insights: InsightSql,
  asOf: string,
): Promise<InsightSql> {
  const local = await stageToLocal(ctx.store, stagingPrefix(asOf), ctx.scratch);
  const files = async (step: AthenaStep | undefined) => (step ? unloadedFiles(join(local, `insights_${step.name}`)) : []);
  const blocks: BlockFile[] = [];
  for (const block of insights.blocks) {
    const found = await files(steps.find((s) => s.kind === 'block' && s.name === block.relation));
    if (found.length === 0) {
      throw new ComputeError(
        `Athena left no rows of ${block.name} under ${stagingPrefix(asOf)}insights_${block.relation}/`,
        'an insight building block with no rows cannot be read back: check that the drops were ingested (raw/)',
      );
    }
    blocks.push({ ...block, text: readParquet(found) });
  }
  const tables: InsightTableFile[] = [];
  for (const table of insights.tables) {
    const step = steps.find((s) => s.kind === 'family' && s.name === table.table);
    if (!step) {
      tables.push(table);
      continue;
    }
    const found = await files(step);
    tables.push({ ...table, text: found.length > 0 ? readParquet(found) : noRows(table) });
  }
  return { blocks, tables };
}
