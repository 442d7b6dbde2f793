import type { Engine, SqlOrigin } from '../../engine/engine.ts';
import { readSqlFolder, type SqlFile } from '../../engine/sql-files.ts';
import { athenaAdapter } from './adapter.ts';

/** One DDL statement for Athena, with the origin that traces its errors to the file. */
export interface DdlStatement {
  sql: string;
  origin: SqlOrigin;
}

/**
 * The canonical views of `sql/canonical/` as Athena DDL: each file's
 * `CREATE OR REPLACE VIEW <table> AS ...` over the `raw_<table>` Glue
 * tables, the same statement DuckDB runs in `openLake`, so analysts see
 * the current state under the same names on both engines.
 *
 * @example
 * const [users] = canonicalViewDdl([{ name: 'canonical/users.sql', text: '-- users\nCREATE OR REPLACE VIEW users AS SELECT ...' }]);
 * users.sql; // 'CREATE OR REPLACE VIEW users AS SELECT ...'
 */
export function canonicalViewDdl(files: SqlFile[]): DdlStatement[] {
  return files.map((file) => {
    const { sql, linesRemoved } = athenaAdapter.ddl(file);
    if (!/^CREATE OR REPLACE VIEW [a-z_][a-z0-9_]* AS\b/.test(sql)) {
      throw new Error(`${file.name} must start (after its comments) with CREATE OR REPLACE VIEW <name> AS`);
    }
    return { sql, origin: { file: file.name, lineOffset: -linesRemoved } };
  });
}

/**
 * Creates or replaces every canonical view in the engine's database, so the
 * views always match the deployed `sql/canonical/`. Like `openLake`, in
 * name order: Athena checks a view's tables when it is created, and the one
 * view that reads others (`lms_statements`) sorts after them.
 *
 * @example
 * await registerCanonicalViews(athenaEngine);
 */
export async function registerCanonicalViews(engine: Engine, files?: SqlFile[]): Promise<number> {
  const statements = canonicalViewDdl(files ?? (await readSqlFolder('canonical')));
  for (const { sql, origin } of statements) await engine.exec(sql, origin);
  return statements.length;
}
