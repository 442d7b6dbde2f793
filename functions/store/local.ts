import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { downloadFile } from './files.ts';
import { FsStore } from './fs.ts';
import { putMany } from './put-many.ts';
import type { ObjectStore } from './store.ts';

/**
 * DuckDB reads and writes local files (httpfs cannot be downloaded here), so
 * S3 objects are staged through a local folder. On the folder store this is
 * free: the lake already is a local folder.
 */
export async function stageToLocal(store: ObjectStore, prefix: string, scratch: string): Promise<string> {
  if (store instanceof FsStore) return store.path(prefix);
  const target = join(scratch, prefix);
  await mkdir(target, { recursive: true });
  // streamed: a table's Parquet can be larger than memory
  for (const key of await store.list(prefix)) await downloadFile(store, key, join(scratch, key));
  return target;
}

/**
 * Local paths of the given objects, for engines that read local files: on a
 * folder store the files themselves, else streamed copies under `scratch`
 * (keys kept); an object that is gone is left out.
 */
export async function stageKeys(store: ObjectStore, keys: string[], scratch: string): Promise<string[]> {
  if (store instanceof FsStore) return keys.map((key) => store.path(key));
  const paths: string[] = [];
  for (const key of keys) if (await downloadFile(store, key, join(scratch, key))) paths.push(join(scratch, key));
  return paths;
}

// S3 serves an object with the type it was stored with: a site page without one downloads instead of opening
const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  json: 'application/json',
  svg: 'image/svg+xml',
  png: 'image/png',
  txt: 'text/plain; charset=utf-8',
  xml: 'application/xml',
  ico: 'image/x-icon',
  woff2: 'font/woff2',
};

/** The Content-Type of a file by its extension; undefined lets the store choose. */
export function contentTypeOf(path: string): string | undefined {
  return CONTENT_TYPES[path.slice(path.lastIndexOf('.') + 1).toLowerCase()];
}

/** Uploads every file under `dir` to `prefix` (a no-op when `dir` already is that prefix of a folder store). */
export async function uploadFromLocal(store: ObjectStore, dir: string, prefix: string): Promise<string[]> {
  const files: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) await walk(full);
      else files.push(full);
    }
  };
  await walk(dir);
  files.sort();
  const keys = files.map((file) => `${prefix}${relative(dir, file).split(sep).join('/')}`);
  await putMany(
    store,
    files
      .map((file, i) => ({ key: keys[i]!, body: () => readFile(file), contentType: contentTypeOf(file) }))
      .filter((item, i) => !(store instanceof FsStore && store.path(item.key) === files[i])),
  );
  return keys;
}
