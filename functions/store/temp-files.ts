import { basename, dirname, join } from 'node:path';

/*
 * A file being written on a folder store goes under a temporary name first
 * and is renamed into place, so no reader sees half of it. The name starts
 * with a dot, which ingest ignores (hidden files) and listings of Parquet and
 * pages never match, and ends with the writer's pid, so a sweep can tell one.
 */

/** @example tempPathFor('/ws/raw/users/drop=x/part-0.parquet') // '/ws/raw/users/drop=x/.part-0.parquet.tmp-4242' */
export function tempPathFor(file: string): string {
  return join(dirname(file), `.${basename(file)}.tmp-${process.pid}`);
}

/** A temporary file of a writer (this layout, or the older `<name>.tmp-<pid>`). */
export function isTempName(name: string): boolean {
  return /\.tmp-\d+$/.test(name);
}
