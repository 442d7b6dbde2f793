import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { FsStore } from './fs.ts';
import type { ObjectStore } from './store.ts';

/**
 * Local paths of the given objects, for engines that read local files: on a
 * folder store the files themselves, else copies under `scratch` (keys kept).
 */
export async function stageKeys(store: ObjectStore, keys: string[], scratch: string): Promise<string[]> {
  if (store instanceof FsStore) return keys.map((key) => store.path(key));
  const paths: string[] = [];
  for (const key of keys) {
    const bytes = await store.get(key);
    if (bytes === undefined) continue;
    const file = join(scratch, key);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, bytes);
    paths.push(file);
  }
  return paths;
}
