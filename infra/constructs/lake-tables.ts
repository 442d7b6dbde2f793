import { TABLES, type ColumnType } from '../../functions/ingest/schema.ts';

/** A Glue (Hive) column: Athena lower-cases names, so these are the lake's snake_case names. */
export interface GlueColumn {
  name: string;
  type: 'string' | 'boolean' | 'double' | 'date' | 'timestamp' | 'bigint';
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
const d = (name: string): GlueColumn => ({ name, type: 'double' });
const day = (name: string): GlueColumn => ({ name, type: 'date' });

// The output tables of KPIS.md ("Output tables"), as functions/compute/tables.ts
// writes them; as_of is the partition, so it is not repeated among the columns.
const KPI_VALUE_COLUMNS = [
  s('kpi'),
  s('level'),
  s('entity_id'),
  s('period_type'),
  day('period_start'),
  day('period_end'),
  d('value'),
  d('numerator'),
  d('denominator'),
];

const KPI_TABLES: LakeTable[] = [
  {
    name: 'kpi_values',
    prefix: 'kpi/kpi_values/',
    columns: KPI_VALUE_COLUMNS,
    partition: 'as_of',
    description: 'One row per KPI, level, entity and period of each nightly version (KPIS.md).',
  },
  {
    name: 'kpi_breakdowns',
    prefix: 'kpi/kpi_breakdowns/',
    columns: [...KPI_VALUE_COLUMNS, s('dimension'), s('dimension_value')],
    partition: 'as_of',
    description: 'KPI values split by country, country / state or skill (KPIS.md).',
  },
  {
    name: 'entities',
    prefix: 'kpi/entities/',
    columns: [
      s('level'),
      s('entity_id'),
      s('name'),
      s('email'),
      s('manager_id'),
      { name: 'is_active', type: 'boolean' },
      s('team_id'),
    ],
    partition: 'as_of',
    description: 'Who each AE, team and the org is in a version, for joins with kpi_values.',
  },
];

/**
 * Every table analysts query in Athena: the KPI output tables partitioned by
 * `as_of`, and each canonical table's typed drops (`raw_<table>`) partitioned
 * by `drop`, with the columns of functions/ingest/schema.ts plus the two
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
  return [...KPI_TABLES, ...raw];
}
