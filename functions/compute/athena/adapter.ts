import { quoteLiteral } from '../../engine/engine.ts';
import type { SqlFile } from '../../engine/sql-files.ts';

/**
 * The one place where the SQL sent to Athena differs from the SQL run on
 * DuckDB. Everything else is the same text on both engines: the parameters
 * are the same inline `VALUES` CTE (functions/compute/params.ts), and the
 * Glue catalog carries the names DuckDB uses (`raw_<table>` tables, the
 * canonical views, `kpi_values`, ...), so no name is respelled.
 *
 * What differs:
 *
 * - where a result goes: DuckDB keeps a family's rows in a temporary table,
 *   Athena has none, so its query is wrapped in `UNLOAD (...) TO 's3://…'`,
 *   which writes Parquet to an empty S3 prefix;
 * - a DDL statement is sent without its leading comment lines (the sql/
 *   files document themselves in comments; Athena routes a statement by
 *   its first keyword).
 */
export const athenaAdapter = {
  /**
   * `query` wrapped so that Athena writes its rows as Parquet under
   * `location` (which must be empty). The query starts on line 2, so
   * engine errors are `line − 1` into it.
   *
   * @example
   * athenaAdapter.unload('SELECT 1 AS x', 's3://acme-lake/staging/compute/as_of=2026-11-26/grid/');
   * // "UNLOAD (\nSELECT 1 AS x\n) TO 's3://acme-lake/...' WITH (format = 'PARQUET', compression = 'SNAPPY')"
   */
  unload(query: string, location: string): string {
    // S3's safe key characters (plus `=` of the lake's partition keys): nothing to escape in the literal
    if (!/^s3:\/\/[a-z0-9][a-z0-9.-]*\/([\w!.*()=/-]*\/)?$/.test(location)) {
      throw new Error(`UNLOAD needs an s3://bucket/prefix/ location, not ${JSON.stringify(location)}`);
    }
    return `UNLOAD (\n${query}\n) TO ${quoteLiteral(location)} WITH (format = 'PARQUET', compression = 'SNAPPY')`;
  },

  /** Lines `unload` puts before the query. */
  unloadLinesBefore: 1,

  /**
   * The inverse of {@link athenaAdapter.unload}: the query and the location
   * of an UNLOAD statement it made (`undefined` for any other statement).
   * Tests use it to run the very text sent to Athena on DuckDB.
   */
  unwrapUnload(statement: string): { query: string; location: string } | undefined {
    const match = /^UNLOAD \(\n([\s\S]*)\n\) TO '((?:[^']|'')*)' WITH \(format = 'PARQUET', compression = 'SNAPPY'\)$/.exec(statement);
    return match?.[1] === undefined || match[2] === undefined ? undefined : { query: match[1], location: match[2].replace(/''/g, "'") };
  },

  /**
   * A DDL file of `sql/` (a canonical view) as Athena runs it: without its
   * leading comment and blank lines. `linesRemoved` maps Athena's line
   * numbers back to the file's (a negative `lineOffset`).
   *
   * @example
   * athenaAdapter.ddl({ name: 'canonical/users.sql', text: '-- users\nCREATE OR REPLACE VIEW users AS ...' });
   * // { sql: 'CREATE OR REPLACE VIEW users AS ...', linesRemoved: 1 }
   */
  ddl(file: SqlFile): { sql: string; linesRemoved: number } {
    const lines = file.text.split('\n');
    let first = 0;
    while (first < lines.length && /^\s*(--.*)?$/.test(lines[first] ?? '')) first++;
    return { sql: lines.slice(first).join('\n').trim().replace(/;\s*$/, ''), linesRemoved: first };
  },
} as const;
