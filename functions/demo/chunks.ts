import type { DemoContext } from './context.ts';
import { csvRow, type Cell } from './csv.ts';

/**
 * One file of a drop: where it goes and how its lines are made. Lines come
 * from a synchronous generator and leave in chunks of CHUNK_CHARS, so a file
 * of any size streams through a small, constant amount of memory.
 */
export interface DropFile {
  path: string;
  /** the data lines; each one counts as a row */
  lines(ctx: DemoContext): Iterable<string>;
  /** written first and not counted (a CSV header) */
  header?: string;
}

export interface RowCounter {
  rows: number;
}

/**
 * About 64 KB per chunk: big enough for efficient writes, small enough that
 * a chunk's row strings die young (1 MB chunks made the garbage collector
 * copy and promote them, a quarter more CPU in all).
 */
export const CHUNK_CHARS = 1 << 16;

export async function* chunked(file: DropFile, ctx: DemoContext, counter: RowCounter, chunkChars = CHUNK_CHARS): AsyncGenerator<string> {
  let parts: string[] = [];
  let size = 0;
  if (file.header !== undefined) {
    parts.push(file.header);
    size = file.header.length;
  }
  for (const line of file.lines(ctx)) {
    parts.push(line);
    size += line.length;
    counter.rows++;
    if (size >= chunkChars) {
      yield parts.join('');
      parts = [];
      size = 0;
    }
  }
  if (parts.length > 0) yield parts.join('');
}

/**
 * A CSV file whose rows are made by `rows`; a row of the wrong width is a
 * bug in the generator, so it throws rather than writing a broken file.
 */
export function csvFile(path: string, columns: readonly string[], rows: (ctx: DemoContext) => Iterable<readonly Cell[]>): DropFile {
  return {
    path,
    header: csvRow(columns),
    *lines(ctx) {
      for (const row of rows(ctx)) {
        if (row.length !== columns.length) throw new Error(`${path}: a row has ${row.length} fields, the header ${columns.length}`);
        yield csvRow(row);
      }
    },
  };
}
