import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The golden cases: small input drops with their expected outputs (test/golden/<case>/). */
export const GOLDEN = join(import.meta.dirname, '..', 'golden');

/** The names of the golden cases that have an as-of date, sorted. */
export const GOLDEN_CASES = readdirSync(GOLDEN, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(GOLDEN, d.name, 'as_of')))
  .map((d) => d.name)
  .sort();
