/**
 * A SQL engine the KPI SQL runs on: DuckDB in-process by default, Athena for
 * organisations that outgrow one machine. Rows come back as plain JSON
 * values: cast BIGINT and DECIMAL to DOUBLE or INTEGER in SQL first.
 */
export interface Engine {
  readonly kind: 'duckdb' | 'athena';
  /** runs statements that return no rows */
  exec(sql: string): Promise<void>;
  /** runs one query and returns its rows */
  query<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  close(): Promise<void>;
}

/** Quotes an identifier for both DuckDB and Trino. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Quotes a string literal for both DuckDB and Trino (for validated values only). */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
