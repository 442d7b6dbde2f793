import { totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';

/** The automatic memory limit: this share of the machine's memory … */
const MEMORY_SHARE = 0.25;
/** … but no more than this, so that a night stays well under 4 GB on any machine (DuckDB spills the rest to disk). */
const MEMORY_CAP_MB = 2048;

/**
 * A quarter of the machine's memory, at most 2 GiB: DuckDB's own default
 * (80 % of the machine) lets one query take a laptop's memory, and a
 * night's RSS with it.
 *
 * @example
 * automaticMemoryLimit(16 * 1024 ** 3); // '2048MB'
 * automaticMemoryLimit(4 * 1024 ** 3);  // '1024MB'
 */
export function automaticMemoryLimit(total = totalmem()): string {
  return `${Math.floor(Math.min((total * MEMORY_SHARE) / 1024 ** 2, MEMORY_CAP_MB))}MB`;
}

/**
 * The settings every local DuckDB starts from (Lambda's, from the
 * environment, and a caller's own come on top): the memory limit, and
 * spill files in the machine's temp folder, not `.tmp/` in the folder the
 * user runs Scorecard from.
 */
export function localDuckDbDefaults(): { memoryLimit: string; tempDirectory: string } {
  return {
    memoryLimit: automaticMemoryLimit(),
    tempDirectory: join(tmpdir(), `scorecard-duckdb-${process.pid}`),
  };
}
