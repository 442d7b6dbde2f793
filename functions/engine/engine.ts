/**
 * A SQL engine the KPI SQL runs on: DuckDB in-process by default, Athena for
 * organisations that outgrow one machine. Rows come back as plain JSON
 * values: cast BIGINT and DECIMAL to DOUBLE or INTEGER in SQL first.
 */
export interface Engine {
  readonly kind: 'duckdb' | 'athena';
  /** runs statements that return no rows */
  exec(sql: string, origin?: SqlOrigin): Promise<void>;
  /** runs one query and returns its rows */
  query<T = Record<string, unknown>>(sql: string, origin?: SqlOrigin): Promise<T[]>;
  close(): Promise<void>;
}

/** Where a statement came from, so an engine's error can name the file in `sql/` and its line. */
export interface SqlOrigin {
  /** path under `sql/`, e.g. `kpis/01_revenue.sql` */
  file: string;
  /** lines sent before the file's first line (e.g. a generated parameters CTE) */
  lineOffset: number;
}

/** Quotes an identifier for both DuckDB and Trino. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Quotes a string literal for both DuckDB and Trino (for validated values only). */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
