import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config.ts';
import type { StageContext } from '../context.ts';
import { consoleLog } from '../log.ts';
import { openStore } from '../store/open.ts';
import { scratchPrefixFor } from '../run/sweep.ts';

/**
 * Runs `fn` with a stage context built from the config file, and removes the
 * scratch folder afterwards whatever happens.
 */
export async function withContext<T>(configPath: string | undefined, fn: (ctx: StageContext) => Promise<T>): Promise<T> {
  const config = await loadConfig(configPath);
  // the pid in the name lets a later run's sweep remove it if this one is killed
  const scratch = await mkdtemp(join(tmpdir(), scratchPrefixFor()));
  try {
    // the config's duckdbMemoryLimit, when set, replaces the automatic one of engine/duckdb-defaults.ts
    const duckdb = config.duckdbMemoryLimit ? { memoryLimit: config.duckdbMemoryLimit } : undefined;
    return await fn({ config, store: openStore(config), log: consoleLog(), scratch, duckdb });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
