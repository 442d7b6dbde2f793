import type { DuckDbEngine } from '../engine/duckdb.ts';
import { quoteIdentifier, quoteLiteral } from '../engine/engine.ts';
import type { ColumnType, Table } from '../lake/raw-tables.ts';

const DUCK_TYPES: Record<ColumnType, string> = {
  varchar: 'VARCHAR',
  boolean: 'BOOLEAN',
  double: 'DOUBLE',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
};

/** DuckDB's default longest line; longer rows raise it (a field may hold up to 16 MB). */
const DEFAULT_MAX_LINE_BYTES = 2_097_152;

/**
 * The columns of a RowSink file after `source_line`, and where each
 * canonical column of the table comes from: a sink column, or a constant
 * (`''` = NULL) for a column the export does not have.
 */
export interface SinkLayout {
  types: ColumnType[];
  select: (number | { constant: string })[];
}

/**
 * Copies the normalized CSV of one table (a RowSink file: `source_line`,
 * then the fields, no header) into one Parquet file: the canonical columns,
 * then `drop_id` and `source_line`, in file order (DuckDB preserves
 * insertion order).
 *
 * @example
 * await copyToParquet(engine, tableByName('users'), sink, layout, '2026-11-26', '/lake/raw/users/drop=2026-11-26/part-0.parquet');
 */
export async function copyToParquet(
  engine: DuckDbEngine,
  table: Table,
  sink: { path: string; longest: number },
  layout: SinkLayout,
  dropId: string,
  target: string,
): Promise<void> {
  // rows are byte text, so their length is their size in bytes
  const maxLine = Math.max(DEFAULT_MAX_LINE_BYTES, sink.longest + 1024);
  const lineOptions =
    maxLine > DEFAULT_MAX_LINE_BYTES ? `, max_line_size = ${maxLine}, buffer_size = ${maxLine * 2}` : '';
  const columns = [`'source_line': 'BIGINT'`, ...layout.types.map((t, i) => `'c${i}': '${DUCK_TYPES[t]}'`)];
  const select = [
    ...table.columns.map((column, c) => {
      const from = layout.select[c];
      const name = quoteIdentifier(column.name);
      if (typeof from === 'number') return `c${from} AS ${name}`;
      const value = from?.constant ? quoteLiteral(from.constant) : 'NULL';
      return `CAST(${value} AS ${DUCK_TYPES[column.type]}) AS ${name}`;
    }),
    `CAST(${quoteLiteral(dropId)} AS VARCHAR) AS drop_id`,
    'source_line',
  ];
  await engine.exec(`COPY (
    SELECT ${select.join(', ')}
    FROM read_csv(${quoteLiteral(sink.path)}, columns = {${columns.join(', ')}}, header = false, auto_detect = false,
      delim = ',', quote = '"', escape = '"', new_line = '\\n', nullstr = '', strict_mode = true${lineOptions})
  ) TO ${quoteLiteral(target)} (FORMAT parquet, COMPRESSION zstd)`);
}

/** The layout of a sink written with the table's canonical columns in order. */
export function canonicalLayout(table: Table): SinkLayout {
  return { types: table.columns.map((c) => c.type), select: table.columns.map((_, i) => i) };
}
