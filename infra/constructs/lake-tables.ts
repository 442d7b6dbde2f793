import { kpiTablePrefix, OUTPUT_COLUMNS, OUTPUT_TABLES, type OutputTable } from '../../functions/lake/output-tables.ts';
import { INSIGHT_DESCRIPTIONS } from '../../functions/lake/insight-tables.ts';
import { TABLES, type ColumnType } from '../../functions/lake/raw-tables.ts';

/** A Glue (Hive) column: Athena lower-cases names, so these are the lake's snake_case names. */
export interface GlueColumn {
  name: string;
  type: 'string' | 'boolean' | 'double' | 'date' | 'timestamp' | 'bigint' | 'int';
}

/** One Athena table over a zone of the lake. */
export interface LakeTable {
  /** the Glue table name: `raw_<table>` as DuckDB names them, or the KPI table's own name */
  name: string;
  /** the lake key prefix of the table's partitions, e.g. `kpi/kpi_values/` */
  prefix: string;
  columns: GlueColumn[];
  /** the Hive partition of the key (`as_of=…`, `drop=…`): projected, never crawled */
  partition: 'as_of' | 'drop';
  description: string;
}

const GLUE_TYPES: Record<ColumnType, GlueColumn['type']> = {
  varchar: 'string',
  boolean: 'boolean',
  double: 'double',
  date: 'date',
  timestamp: 'timestamp',
};

const s = (name: string): GlueColumn => ({ name, type: 'string' });

const DUCKDB_TO_GLUE: Record<string, GlueColumn['type']> = {
  VARCHAR: 'string',
  BOOLEAN: 'boolean',
  DOUBLE: 'double',
  DATE: 'date',
  TIMESTAMP: 'timestamp',
  BIGINT: 'bigint',
  INTEGER: 'int',
};

/**
 * The Glue columns of a DuckDB column list such as compute's
 * `OUTPUT_COLUMNS` ("as_of DATE, kpi VARCHAR, …"), without the partition
 * column, which lives in the key (`as_of=…/`).
 */
export function glueColumnsOf(duckDbColumns: string, partition: string): GlueColumn[] {
  return duckDbColumns
    .split(',')
    // a reserved word (`"window"`) is quoted in the DuckDB list
    .map((part) => part.trim().replace(/"/g, '').split(/\s+/))
    .filter(([name]) => name !== partition)
    .map(([name = '', type = '']) => {
      const glue = DUCKDB_TO_GLUE[type.toUpperCase()];
      if (!glue) throw new Error(`no Glue type for column ${name} ${type}`);
      return { name, type: glue };
    });
}

const KPI_DESCRIPTIONS: Record<OutputTable, string> = {
  kpi_values: 'One row per KPI, level, entity and period of each nightly version (the KPI catalog).',
  kpi_breakdowns: 'KPI values split by country, country / state or skill (the KPI catalog).',
  entities: 'Who each AE, team and the org is in a version, for joins with kpi_values.',
  ...INSIGHT_DESCRIPTIONS,
  kpi_same_point: 'For each period still running, the previous period up to the same day, as a run on that day wrote it (columns of kpi_values).',
};

/**
 * Every table analysts query in Athena: the KPI output tables partitioned by
 * `as_of` (columns as functions/compute/tables.ts writes them), and each canonical table's typed drops (`raw_<table>`) partitioned
 * by `drop`, with the columns of functions/lake/raw-tables.ts plus the two
 * columns ingest adds.
 *
 * @example
 * lakeTables().find((t) => t.name === 'raw_opportunities')?.prefix; // 'raw/opportunities/'
 */
export function lakeTables(): LakeTable[] {
  const raw = TABLES.map(
    (table): LakeTable => ({
      name: `raw_${table.name}`,
      prefix: `raw/${table.name}/`,
      columns: [
        ...table.columns.map((c) => ({ name: c.name, type: GLUE_TYPES[c.type] })),
        s('drop_id'),
        { name: 'source_line', type: 'bigint' },
      ],
      partition: 'drop',
      description: `The typed rows of ${table.name} in every drop, as delivered (no de-duplication).`,
    }),
  );
  const kpi = OUTPUT_TABLES.map(
    (name): LakeTable => ({
      name,
      prefix: kpiTablePrefix(name),
      columns: glueColumnsOf(OUTPUT_COLUMNS[name], 'as_of'),
      partition: 'as_of',
      description: KPI_DESCRIPTIONS[name],
    }),
  );
  return [...kpi, ...raw];
}
