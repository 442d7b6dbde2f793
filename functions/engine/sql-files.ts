import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's `sql/` folder, wherever the code runs from (CLI, tests, Lambda bundle). */
export const SQL_DIR = process.env.SCORECARD_SQL_DIR ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'sql');

export interface SqlFile {
  /** path relative to `sql/`, e.g. `kpis/01_revenue.sql` */
  name: string;
  text: string;
}

/** The `.sql` files of one folder of `sql/`, in name order. */
export async function readSqlFolder(folder: string): Promise<SqlFile[]> {
  const names = (await readdir(join(SQL_DIR, folder))).filter((n) => n.endsWith('.sql')).sort();
  return Promise.all(
    names.map(async (n) => ({ name: `${folder}/${n}`, text: await readFile(join(SQL_DIR, folder, n), 'utf8') })),
  );
}
