import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveConfig } from '../../functions/config.ts';
import type { StageContext } from '../../functions/context.ts';
import { consoleLog } from '../../functions/log.ts';
import { FsStore } from '../../functions/store/fs.ts';

/**
 * The stage context of a bench step: the default config on a folder
 * workspace, except that every active AE is e-mailed too (the heavier night
 * notify can have). Scratch is a folder of the step's own under the run's
 * work folder, which the harness deletes with the rest.
 *
 * @example
 * const ctx = await benchContext('test/bench/work/s1/lake', 'compute');
 * await computeVersion(ctx, '2026-03-31');
 */
export async function benchContext(workspace: string, step: string): Promise<StageContext> {
  const config = resolveConfig({ workspace, email: { aeEmails: true } });
  const scratch = join(workspace, '..', `scratch-${step}`);
  await mkdir(scratch, { recursive: true });
  return { config, store: new FsStore(workspace), log: consoleLog(step), scratch };
}
