import type { DuckDbEngine } from '../engine/duckdb.ts';
import { quoteIdentifier, quoteLiteral } from '../engine/engine.ts';
import type { Table } from './schema.ts';

const DUCK_TYPES = { varchar: 'VARCHAR', boolean: 'BOOLEAN', double: 'DOUBLE', date: 'DATE', timestamp: 'TIMESTAMP' };

/** DuckDB's default longest line; longer rows raise it (a field may hold up to 16 MB). */
const DEFAULT_MAX_LINE_BYTES = 2_097_152;

/**
 * Copies the normalized CSV files of one table (RowSink output) into one
 * Parquet file: the canonical columns, then `drop_id` and `source_line`, in
 * the order the rows were written (DuckDB preserves insertion order).
 *
 * @example
 * await copyToParquet(engine, tableByName('users'), ['/tmp/s/users-0.csv'], '2026-11-26', '/lake/raw/users/drop=2026-11-26/part-0.parquet');
 */
export async function copyToParquet(
  engine: DuckDbEngine,
  table: Table,
  files: readonly string[],
  dropId: string,
  target: string,
  /** characters of the longest row written (RowSink.longest) */
  longestRow = 0,
): Promise<void> {
  // a UTF-16 character is at most 3 UTF-8 bytes
  const maxLine = Math.max(DEFAULT_MAX_LINE_BYTES, longestRow * 3 + 2);
  const lineOptions =
    maxLine > DEFAULT_MAX_LINE_BYTES ? `, max_line_size = ${maxLine}, buffer_size = ${maxLine * 2}` : '';
  const columns = [
    `'source_line': 'BIGINT'`,
    ...table.columns.map((c) => `${quoteLiteral(c.name)}: '${DUCK_TYPES[c.type]}'`),
  ];
  const select = [
    ...table.columns.map((c) => quoteIdentifier(c.name)),
    `CAST(${quoteLiteral(dropId)} AS VARCHAR) AS drop_id`,
    'source_line',
  ];
  const sources = files.map(quoteLiteral).join(', ');
  await engine.exec(`COPY (
    SELECT ${select.join(', ')}
    FROM read_csv([${sources}], columns = {${columns.join(', ')}}, header = false, auto_detect = false,
      delim = ',', quote = '"', escape = '"', new_line = '\\n', nullstr = '', strict_mode = true${lineOptions})
  ) TO ${quoteLiteral(target)} (FORMAT parquet, COMPRESSION zstd)`);
}
