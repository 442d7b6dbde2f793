import type { Dirent } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Log } from '../log.ts';
import { FsStore } from '../store/fs.ts';
import type { ObjectStore } from '../store/store.ts';
import { isTempName } from '../store/temp-files.ts';

/** The scratch folders of CLI runs: `<tmp>/scorecard-<pid>-XXXXXX`. */
export const SCRATCH_PREFIX = 'scorecard-';

export function scratchPrefixFor(pid = process.pid): string {
  return `${SCRATCH_PREFIX}${pid}-`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * Removes what crashed runs left behind: temporary files in a folder lake
 * (`.name.tmp-<pid>`, see store/temp-files.ts) and scratch folders under the
 * system's temporary folder, each only when the process that wrote it is
 * gone, so a run that is still writing (a notify of another version) keeps
 * its files. An S3 lake has no temporary objects: a PUT is all or nothing.
 */
export async function sweepLeftovers(store: ObjectStore, log: Log): Promise<number> {
  let removed = 0;
  if (store instanceof FsStore) {
    let entries: Dirent[];
    try {
      entries = await readdir(store.root, { withFileTypes: true, recursive: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      entries = [];
    }
    for (const entry of entries) {
      if (!entry.isFile() || !isTempName(entry.name)) continue;
      const pid = Number(/\.tmp-(\d+)$/.exec(entry.name)?.[1]);
      if (alive(pid)) continue;
      await rm(join(entry.parentPath, entry.name), { force: true });
      removed += 1;
    }
  }
  for (const name of await readdir(tmpdir()).catch(() => [] as string[])) {
    const pid = /^scorecard-(\d+)-/.exec(name)?.[1];
    if (pid === undefined || alive(Number(pid))) continue;
    await rm(join(tmpdir(), name), { recursive: true, force: true });
    removed += 1;
  }
  if (removed > 0) log.info(`removed ${removed} temporary file(s) and scratch folder(s) left by crashed runs`);
  return removed;
}
