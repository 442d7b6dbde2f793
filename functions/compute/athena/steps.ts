import { checkQueryLength, type ComposedSqlOrigin, type SqlPart } from '../../engine/athena.ts';
import type { SqlFile } from '../../engine/sql-files.ts';
import type { BlockFile, KpiSql } from '../kpi-sql.ts';
import type { RunParams } from '../params.ts';
import { body, familyQuery } from '../single-query.ts';
import { athenaAdapter } from './adapter.ts';

/**
 * One query of a compute run on Athena: a KPI family (or a building block
 * the run's checks need) as one self-contained query, unloaded as Parquet
 * to its own staging prefix.
 */
export interface AthenaStep {
  /** `01_revenue`, ... or the block's relation (`grid`, `entity_info`) */
  name: string;
  /** the KPI family, or the building block the step reads */
  kind: 'family' | 'block';
  /** the file of `sql/` the rows come from, e.g. `kpis/01_revenue.sql` */
  file: string;
  /** the SELECT, exactly as {@link familyQuery} makes it (and as DuckDB runs it in the parity test) */
  query: string;
  /** what Athena runs: the query through {@link athenaAdapter.unload} */
  statement: string;
  /** where the statement writes, as a lake key prefix (`staging/compute/as_of=D/01_revenue/`) */
  prefix: string;
  /** traces Athena's `line N` to the file of sql/ that holds it */
  origin: ComposedSqlOrigin;
}

/** The building blocks the checks and the output tables read after the families (functions/compute/tables.ts). */
export const STAGED_BLOCKS = ['entity_info', 'grid'] as const;

/**
 * The lake prefix of a run's staged Athena output. It is outside `kpi/`,
 * so neither the Glue tables nor the site ever read a half-written run.
 *
 * @example
 * stagingPrefix('2026-11-26'); // 'staging/compute/as_of=2026-11-26/'
 */
export function stagingPrefix(asOf: string): string {
  return `staging/compute/as_of=${asOf}/`;
}

const linesOf = (text: string): number => text.split('\n').length;

/**
 * Where each file's text sits in `statement`: the files are embedded by
 * {@link body}, whose `trim` may drop leading blank lines.
 */
function partsOf(statement: string, files: SqlFile[]): SqlPart[] {
  const parts: SqlPart[] = [];
  for (const file of files) {
    const embedded = body(file);
    const at = statement.indexOf(embedded);
    if (at < 0) continue;
    const dropped = linesOf(/^\s*/.exec(file.text)?.[0] ?? '') - 1;
    const line = linesOf(statement.slice(0, at));
    parts.push({ file: file.name, firstLine: line - dropped, lines: dropped + linesOf(embedded) });
  }
  return parts;
}

/** A synthetic "family" that selects one building block, so that familyQuery composes it like any family. */
function blockSelect(block: BlockFile): SqlFile {
  return { name: block.name, text: `SELECT * FROM ${block.relation}` };
}

/**
 * Every query of a compute run on Athena: one per KPI family, then the
 * building blocks the checks need ({@link STAGED_BLOCKS}). Each query is
 * {@link familyQuery}'s text unchanged, wrapped by the adapter in an UNLOAD
 * to `s3://<bucket>/staging/compute/as_of=D/<name>/`. Every statement is
 * checked against Athena's length limit here, before anything runs.
 *
 * One as_of per run and no `partitioned_by`: each UNLOAD writes one prefix,
 * far below Athena's 100 partitions per write.
 *
 * @example
 * const steps = athenaSteps(await readKpiSql(), runParams(config, '2026-11-26'), 'acme-lake');
 * steps[0].statement; // "UNLOAD (\nWITH run_params AS (...) ... SELECT * FROM (...) AS family_rows\n) TO 's3://acme-lake/staging/compute/as_of=2026-11-26/01_revenue/' ..."
 */
export function athenaSteps(sql: KpiSql, params: RunParams, bucket: string): AthenaStep[] {
  const files: SqlFile[] = [...sql.blocks, ...sql.families];
  const step = (name: string, kind: AthenaStep['kind'], family: SqlFile, file: string): AthenaStep => {
    const query = familyQuery(sql, family, params);
    const prefix = `${stagingPrefix(params.asOf)}${name}/`;
    const statement = athenaAdapter.unload(query, `s3://${bucket}/${prefix}`);
    const origin: ComposedSqlOrigin = { file, lineOffset: 0, parts: partsOf(statement, files) };
    checkQueryLength(statement, origin);
    return { name, kind, file, query, statement, prefix, origin };
  };
  const families = sql.families.map((family) =>
    step(family.name.replace(/^kpis\//, '').replace(/\.sql$/, ''), 'family', family, family.name),
  );
  const blocks = STAGED_BLOCKS.map((relation) => {
    const block = sql.blocks.find((b) => b.relation === relation);
    if (!block) throw new Error(`sql/kpis has no building block ${relation}`);
    return step(relation, 'block', blockSelect(block), block.name);
  });
  return [...families, ...blocks];
}
