import { mkdir, readdir, readFile, rm, writeFile, rename } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { checkKey, type ObjectStore } from './store.ts';
import { tempPathFor } from './temp-files.ts';
import { crashPoint } from '../run/crash-point.ts';

/** The lake as a local folder: the embedded default. */
export class FsStore implements ObjectStore {
  readonly description: string;

  constructor(readonly root: string) {
    this.description = `folder ${root}`;
  }

  /** The file behind a key, for engines that read local files directly. */
  path(key: string): string {
    return join(this.root, checkKey(key));
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    try {
      return await readFile(this.path(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async put(key: string, body: Uint8Array | string): Promise<void> {
    const file = this.path(key);
    await mkdir(dirname(file), { recursive: true });
    // write then rename, so a reader never sees half a file; the leading dot hides it from ingest and sweeps find it
    const temp = tempPathFor(file);
    await writeFile(temp, body);
    await rename(temp, file);
    crashPoint('store:put');
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw error;
      }
      for (const entry of entries) {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) await walk(full);
        else keys.push(relative(this.root, full).split(sep).join('/'));
      }
    };
    // walk from the deepest folder the prefix names, then filter on the full prefix
    const folder = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    await walk(join(this.root, folder));
    return keys.filter((key) => key.startsWith(prefix)).sort();
  }

  async deletePrefix(prefix: string): Promise<number> {
    const keys = await this.list(prefix);
    await Promise.all(keys.map((key) => rm(this.path(key), { force: true })));
    return keys.length;
  }
}
