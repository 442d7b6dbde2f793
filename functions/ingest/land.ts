import { readdir } from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { StageContext } from '../context.ts';
import { sameAsFile, uploadFile } from '../store/files.ts';
import { isTempName } from '../store/temp-files.ts';
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
      (await Promise.all(paths.map((p, i) => sameAsFile(ctx.store, keys[i]!, join(dir, p))))).every(Boolean);
    if (!same) {
      throw new IngestError(
        `drop ${dropId} has already landed with other files`,
        'landed drops never change: give this export a new drop id with --drop (ids should sort chronologically, e.g. 2026-11-26T0200Z)',
      );
    }
    ctx.log.info(`drop ${dropId} has already landed with the same files`);
    return [...keys, marker];
  }
  // streamed, a file at a time: an export can be larger than memory
  for (const [i, path] of paths.entries()) {
    await uploadFile(ctx.store, keys[i]!, join(dir, path));
    crashPoint('land:file');
  }
  await ctx.store.put(marker, '');
  ctx.log.info(`landed ${paths.length} files in ${ctx.store.description} under ${prefix}`);
  return [...keys, marker];
}
