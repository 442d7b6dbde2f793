import { afterEach, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../functions/config.ts';
import { DuckDbEngine } from '../../../functions/engine/duckdb.ts';
import { automaticMemoryLimit, setDuckDbMemoryLimit } from '../../../functions/engine/duckdb-defaults.ts';

afterEach(() => setDuckDbMemoryLimit(undefined));

async function memoryLimit(): Promise<string> {
  const engine = await DuckDbEngine.open();
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

  it('follows the config key', async () => {
    setDuckDbMemoryLimit(resolveConfig({ duckdbMemoryLimit: '3GB' }).duckdbMemoryLimit);

    expect(await memoryLimit()).toMatch(/^2\.7 GiB$/);
  });

  it('refuses a config value that is no size', () => {
    expect(() => resolveConfig({ duckdbMemoryLimit: 'lots' })).toThrow(/duckdbMemoryLimit must be a size/);
  });
});
