import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { benchContext } from './bench-context.ts';
import type { ColumnsByTable } from './kpi-columns.ts';

/**
 * What each step of a bench run is given and answers. Every step runs in a
 * child process of its own (step.ts), so that its CPU time and peak memory
 * are its own; the stage code is imported inside the step, so a process
 * loads only what its step needs.
 */
export interface Steps {
  /** the synthetic drop, written to `landing/<drop>/` of the workspace (with `_SUCCESS`) */
  demo: { in: { workspace: string; drop: string; asOf: string; seed: number; scale: number }; out: { rows: Record<string, number> } };
  ingest: { in: { workspace: string; drop: string }; out: { read: number; loaded: number; quarantined: number; rejectedFiles: number } };
  'ingest-baseline': { in: { dropDir: string; outDir: string }; out: { rows: Record<string, number> } };
  compute: { in: { workspace: string; asOf: string }; out: { rows: Record<string, number> } };
  'compute-floor': { in: { workspace: string; columns: ColumnsByTable }; out: { rows: Record<string, number> } };
  publish: { in: { workspace: string; asOf: string }; out: { pages: number } };
  'site-baseline': { in: { dir: string; pages: number }; out: { pages: number } };
  notify: { in: { workspace: string; asOf: string }; out: { sent: number } };
}

export type StepName = keyof Steps;

type Runners = { [K in StepName]: (input: Steps[K]['in']) => Promise<Steps[K]['out']> };

export const STEPS: Runners = {
  async demo({ workspace, drop, asOf, seed, scale }) {
    const { writeDemoDrop } = await import('../../functions/demo/demo.ts');
    const { directoryWriter } = await import('../../functions/demo/writers.ts');
    // straight into the landing zone: landDrop would hold each file in memory and double the disk used
    const dir = join(workspace, 'landing', drop);
    const rows = await writeDemoDrop(directoryWriter(dir), { asOf, seed, scale });
    await writeFile(join(dir, '_SUCCESS'), '');
    return { rows };
  },

  async ingest({ workspace, drop }) {
    const { ingestDrop } = await import('../../functions/ingest/ingest.ts');
    const report = await ingestDrop(await benchContext(workspace, 'ingest'), drop);
    const t = report.totals;
    return { read: t.read, loaded: t.loaded, quarantined: t.quarantined, rejectedFiles: t.rejectedFiles };
  },

  async 'ingest-baseline'({ dropDir, outDir }) {
    const { DuckDbEngine } = await import('../../functions/engine/duckdb.ts');
    const { copyDropBare } = await import('./baselines.ts');
    const engine = await DuckDbEngine.open();
    try {
      return { rows: await copyDropBare(engine, dropDir, outDir) };
    } finally {
      await engine.close();
    }
  },

  async compute({ workspace, asOf }) {
    const { computeVersion } = await import('../../functions/compute/compute.ts');
    return computeVersion(await benchContext(workspace, 'compute'), asOf);
  },

  async 'compute-floor'({ workspace, columns }) {
    const { openLake } = await import('../../functions/lake/open.ts');
    const { scanColumns } = await import('./baselines.ts');
    const engine = await openLake(await benchContext(workspace, 'compute-floor'));
    try {
      return { rows: await scanColumns(engine, columns) };
    } finally {
      await engine.close();
    }
  },

  async publish({ workspace, asOf }) {
    const { publishVersion } = await import('../../functions/publish/publish.ts');
    const { pages } = await publishVersion(await benchContext(workspace, 'publish'), asOf);
    return { pages: pages.length };
  },

  async 'site-baseline'({ dir, pages }) {
    const { writeTrivialSite } = await import('./baselines.ts');
    await rm(dir, { recursive: true, force: true });
    await writeTrivialSite(dir);
    // read by astro-build.ts when it loads, and by the trivial page's getStaticPaths
    process.env.SCORECARD_SITE_DIR = dir;
    process.env.SCORECARD_BENCH_PAGES = String(pages);
    const { buildAstroSite } = await import('../../functions/publish/astro-build.ts');
    const { readdir } = await import('node:fs/promises');
    const dataFile = join(dir, 'data.json');
    await writeFile(dataFile, '{}');
    const outDir = join(dir, 'out');
    await buildAstroSite({ dataFile, outDir, base: '/v/trivial/', cacheDir: join(dir, 'cache') });
    const built = (await readdir(outDir, { recursive: true })).filter((f) => f.endsWith('index.html'));
    return { pages: built.length };
  },

  async notify({ workspace, asOf }) {
    const { notifyVersion } = await import('../../functions/notify/notify.ts');
    const result = await notifyVersion(await benchContext(workspace, 'notify'), asOf);
    return { sent: result.sent.length };
  },
};
