import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { DuckDbEngine } from '../../functions/engine/duckdb.ts';
import { quoteIdentifier, quoteLiteral } from '../../functions/engine/engine.ts';
import type { ColumnsByTable } from './kpi-columns.ts';

/**
 * The ingest baseline: DuckDB's own `read_csv` (auto-detected, no options)
 * of each CSV file of a drop, and `read_json` of each JSON Lines file,
 * copied into Parquet with the compression ingest uses (zstd), one file
 * after the other. What ingest adds on top (validation, quarantine, typing
 * to the canonical schema, the report) is what the ratio measures.
 *
 * @example
 * const rows = await copyDropBare(engine, 'lake/landing/2026-03-31', 'work/bare');
 * rows['crm/Opportunity.csv']; // 18919
 */
export async function copyDropBare(engine: DuckDbEngine, dropDir: string, outDir: string): Promise<Record<string, number>> {
  await mkdir(outDir, { recursive: true });
  const entries = await readdir(dropDir, { withFileTypes: true, recursive: true });
  const files = entries
    .filter((e) => e.isFile() && /\.(csv|jsonl)$/.test(e.name))
    .map((e) => relative(dropDir, join(e.parentPath, e.name)))
    .sort();
  const rows: Record<string, number> = {};
  for (const [n, file] of files.entries()) {
    const reader = file.endsWith('.jsonl') ? 'read_json' : 'read_csv';
    // COPY answers with the number of rows it wrote (a BIGINT, as a string)
    const [row] = await engine.query<{ Count: string }>(
      `COPY (SELECT * FROM ${reader}(${quoteLiteral(join(dropDir, file))})) TO ${quoteLiteral(join(outDir, `${n}.parquet`))} (FORMAT parquet, COMPRESSION zstd)`,
    );
    rows[file] = Number(row?.Count ?? 0);
  }
  return rows;
}

/**
 * The compute floor: one scan of every raw column the KPIs read (see
 * kpi-columns.ts), through the same `raw_<table>` relations compute uses.
 * Each row's columns are hashed together, so that DuckDB must decode every
 * value; `count(column)` would not do: DuckDB answers it from the Parquet
 * footer's statistics without reading a page (0.002 s for the 888 233 rows
 * × 11 columns of scale 10's history, against 0.12 s for the hash).
 * Returns the rows scanned per table.
 *
 * @example
 * const rows = await scanColumns(await openLake(ctx), { raw_users: ['id', 'email'] });
 */
export async function scanColumns(engine: DuckDbEngine, columns: ColumnsByTable): Promise<Record<string, number>> {
  const rows: Record<string, number> = {};
  for (const [table, names] of Object.entries(columns)) {
    const [row] = await engine.query<{ n: number }>(
      `SELECT CAST(COUNT(*) AS DOUBLE) AS n, CAST(bit_xor(hash(${names.map(quoteIdentifier).join(', ')})) AS VARCHAR) AS h
       FROM ${quoteIdentifier(table)}`,
    );
    rows[table] = row?.n ?? 0;
  }
  return rows;
}

/** The one page of the trivial site: a title and a sentence, `pages` times. */
const TRIVIAL_PAGE = `---
export function getStaticPaths() {
  const pages = Number(process.env.SCORECARD_BENCH_PAGES ?? '1');
  return Array.from({ length: pages }, (_, i) => ({ params: { n: String(i + 1) } }));
}
const { n } = Astro.params;
---
<html lang="en">
  <head><meta charset="utf-8" /><title>Page {n}</title></head>
  <body><h1>Page {n}</h1><p>A trivial page, for the site build baseline.</p></body>
</html>
`;

/**
 * Writes an Astro project of one dynamic route that builds `pages` trivial
 * pages (`/<n>/index.html`): the site baseline, built by the same
 * `buildAstroSite` as the report (the caller points SCORECARD_SITE_DIR at
 * `dir` and sets SCORECARD_BENCH_PAGES). `dir` must be inside the
 * repository: Astro resolves its own runtime from the project's
 * node_modules (a linked node_modules does not do).
 *
 * @example
 * await writeTrivialSite('test/bench/work/trivial-site-1234');
 */
export async function writeTrivialSite(dir: string): Promise<void> {
  await mkdir(join(dir, 'src', 'pages'), { recursive: true });
  await writeFile(join(dir, 'src', 'pages', '[n].astro'), TRIVIAL_PAGE);
}
