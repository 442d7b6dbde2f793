import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withContext } from '../../../functions/cli/context.ts';
import { resolveConfig } from '../../../functions/config.ts';
import { DuckDbEngine, type DuckDbOptions } from '../../../functions/engine/duckdb.ts';
import { automaticMemoryLimit } from '../../../functions/engine/duckdb-defaults.ts';

async function memoryLimit(options?: DuckDbOptions): Promise<string> {
  const engine = await DuckDbEngine.open(options);
  try {
    const [row] = await engine.query<{ v: string }>("SELECT current_setting('memory_limit') AS v");
    return row?.v ?? '';
  } finally {
    await engine.close();
  }
}

describe('DuckDB memory on a local run', () => {
  it.each([
    [64 * 1024 ** 3, '2048MB'],
    [8 * 1024 ** 3, '2048MB'],
    [4 * 1024 ** 3, '1024MB'],
  ])('is a quarter of %i bytes, at most 2 GiB', (total, limit) => {
    expect(automaticMemoryLimit(total)).toBe(limit);
  });

  it('is capped by default, not DuckDB’s 80 % of the machine', async () => {
    // DuckDB shows the limit in its own units: 2048MB reads back as about 1.9 GiB
    expect(await memoryLimit()).toMatch(/^(\d+(\.\d+)? (MiB|GiB))$/);
    const gib = Number.parseFloat(await memoryLimit()) / ((await memoryLimit()).endsWith('MiB') ? 1024 : 1);
    expect(gib).toBeLessThanOrEqual(2);
  });

  it('follows the config key, through the stage context', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scorecard-config-'));
    try {
      const file = join(dir, 'scorecard.config.json');
      await writeFile(file, JSON.stringify({ workspace: join(dir, 'ws'), duckdbMemoryLimit: '3GB' }));

      const limit = await withContext(file, (ctx) => memoryLimit(ctx.duckdb));

      expect(limit).toMatch(/^2\.7 GiB$/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a config value that is no size', () => {
    expect(() => resolveConfig({ duckdbMemoryLimit: 'lots' })).toThrow(/duckdbMemoryLimit must be a size/);
  });
});
