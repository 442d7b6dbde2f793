import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markLanded, writeBigLrsDocument, writeBigTaskCsv } from '../../bench/big-files.ts';
import { runStep } from '../../bench/spawn-step.ts';

const DROP = '2026-11-26';
const MB = 1024 ** 2;

/** Peak RSS (MB) of ingesting one generated file alone, in a child process. */
async function peakRss(name: string, make: (file: string) => Promise<number>): Promise<{ peakRssMb: number; loaded: number; records: number }> {
  const workspace = await mkdtemp(join(tmpdir(), 'ingest-memory-'));
  try {
    const records = await make(join(workspace, 'landing', DROP, name));
    await markLanded(workspace, DROP);
    const m = await runStep('ingest', { workspace, drop: DROP }, { workDir: workspace });
    return { peakRssMb: m.peakRssMb, loaded: m.output.loaded, records };
  } finally {
    await rm(workspace, { recursive: true, force: true });
  }
}

// small enough for CI; test/bench/ingest-memory.ts measures files of several GiB
describe('ingest memory does not grow with the file', () => {
  it.each([
    // both past DuckDB's first Parquet row group (122,880 rows), whose buffer is a fixed cost, not growth
    ['lms/statements.json', 64, 160, writeBigLrsDocument],
    ['crm/Task.csv', 16, 160, writeBigTaskCsv],
  ] as const)('%s: %i MB and %i MB peak within 150 MB of each other', async (name, small, large, write) => {
    const a = await peakRss(name, (file) => write(file, small * MB));
    const b = await peakRss(name, (file) => write(file, large * MB));

    expect(a.loaded).toBe(a.records);
    expect(b.loaded).toBe(b.records);
    expect(b.peakRssMb - a.peakRssMb, `${a.peakRssMb} MB then ${b.peakRssMb} MB`).toBeLessThan(150);
    expect(b.peakRssMb).toBeLessThan(1024);
  }, 300_000);
});
