import { copyFile, mkdir, readdir, readFile, rename, stat } from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { StageContext } from '../context.ts';
import { FsStore } from '../store/fs.ts';
import type { ObjectStore } from '../store/store.ts';
import { isTempName, tempPathFor } from '../store/temp-files.ts';
import { checkDropId } from './drop-id.ts';
import { SUCCESS_MARKER } from './drop-files.ts';
import { IngestError } from './errors.ts';
import { crashPoint } from '../run/crash-point.ts';

/** Every regular file under `dir`, as `/`-separated relative paths, and the links skipped (never followed). */
async function folderFiles(dir: string): Promise<{ files: string[]; links: string[] }> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const relativePath = (e: Dirent) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/');
  return {
    files: entries.filter((e) => e.isFile()).map(relativePath).sort(),
    links: entries.filter((e) => e.isSymbolicLink()).map(relativePath).sort(),
  };
}

async function sameBytes(a: Uint8Array | undefined, file: string): Promise<boolean> {
  if (a === undefined) return false;
  const info = await stat(file);
  if (info.size !== a.length) return false;
  return Buffer.from(a).equals(await readFile(file));
}

/**
 * Copies a local drop folder into `landing/<dropId>/` (originals, untouched)
 * and writes `landing/<dropId>/_SUCCESS` last, so that a reader never sees
 * half a drop. Landing the same files again is a no-op; landing different
 * files under an id already used is refused (originals never change).
 *
 * @example
 * const keys = await landDrop(ctx, './exports/2026-11-26', '2026-11-26');
 * // ['landing/2026-11-26/crm/User.csv', …, 'landing/2026-11-26/_SUCCESS']
 */
export async function landDrop(ctx: StageContext, dir: string, dropId: string): Promise<string[]> {
  checkDropId(dropId);
  let paths: string[];
  try {
    const { files, links } = await folderFiles(dir);
    // a link could point anywhere on the machine: only files that are in the folder land
    for (const link of links) ctx.log.warn(`${link}: a symbolic link, not landed (copy the file itself into the folder)`);
    paths = files.filter((p) => p !== SUCCESS_MARKER);
  } catch (error) {
    throw new IngestError(`cannot read the drop folder ${dir}`, 'give the folder that holds crm/, surveys/, lms/ …', {
      cause: error,
    });
  }
  if (paths.length === 0) throw new IngestError(`the drop folder ${dir} holds no files`, 'give the folder of an export');
  const prefix = `landing/${dropId}/`;
  const marker = `${prefix}${SUCCESS_MARKER}`;
  const keys = paths.map((p) => `${prefix}${p}`);
  if ((await ctx.store.get(marker)) !== undefined) {
    const landed = (await ctx.store.list(prefix)).filter((k) => k !== marker && !isTempName(k));
    const same =
      landed.length === keys.length &&
      landed.every((k, i) => k === keys[i]) &&
      (await Promise.all(paths.map(async (p, i) => sameBytes(await ctx.store.get(keys[i]!), join(dir, p))))).every(
        Boolean,
      );
    if (!same) {
      throw new IngestError(
        `drop ${dropId} has already landed with other files`,
        'landed drops never change: give this export a new drop id with --drop (ids should sort chronologically, e.g. 2026-11-26T0200Z)',
      );
    }
    ctx.log.info(`drop ${dropId} has already landed with the same files`);
    return [...keys, marker];
  }
  for (const [i, path] of paths.entries()) {
    await putFile(ctx.store, keys[i]!, join(dir, path));
    crashPoint('land:file');
  }
  await ctx.store.put(marker, '');
  ctx.log.info(`landed ${paths.length} files in ${ctx.store.description} under ${prefix}`);
  return [...keys, marker];
}

/** Puts a local file under `key`: a file copy on a folder store (exports can be gigabytes), else its bytes. */
async function putFile(store: ObjectStore, key: string, file: string): Promise<void> {
  if (!(store instanceof FsStore)) return store.put(key, await readFile(file));
  // through a temporary name, as FsStore.put does, so that no reader sees half a file
  await mkdir(dirname(store.path(key)), { recursive: true });
  const temp = tempPathFor(store.path(key));
  await copyFile(file, temp);
  await rename(temp, store.path(key));
}
