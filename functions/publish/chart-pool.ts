import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';
import { ACTIVE_CHART_POOL, type ChartDrawer } from './chart-draw.ts';
import type { ChartAnswer, ChartJob } from './chart-worker.ts';

/**
 * Draws charts on worker threads while the main thread renders pages.
 * Drawing the charts is most of a page's build time, and one Node thread
 * leaves the other cores idle; with the pool and Astro rendering several
 * pages at once, every core works.
 */
export class ChartPool implements ChartDrawer {
  private readonly workers: Worker[];
  private readonly pending = new Map<number, { resolve: (svg: string) => void; reject: (error: Error) => void }>();
  private readonly load: number[];
  private next = 0;

  constructor(size: number) {
    const entry = fileURLToPath(new URL('./chart-worker.mjs', import.meta.url));
    this.workers = Array.from({ length: size }, () => new Worker(entry));
    this.load = this.workers.map(() => 0);
    this.workers.forEach((worker, w) => {
      worker.on('message', (answer: ChartAnswer) => {
        this.load[w] = (this.load[w] ?? 1) - 1;
        const job = this.pending.get(answer.n);
        this.pending.delete(answer.n);
        if ('svg' in answer) job?.resolve(answer.svg);
        else job?.reject(new Error(`a chart could not be drawn: ${answer.error}`));
      });
      worker.on('error', (error) => this.failAll(error));
    });
  }

  /** Same as renderChartSvg, on the least busy worker. */
  render(spec: TopLevelSpec, id: string, labelledBy: string): Promise<string> {
    const n = this.next++;
    let w = 0;
    this.load.forEach((load, i) => {
      if (load < (this.load[w] ?? 0)) w = i;
    });
    this.load[w] = (this.load[w] ?? 0) + 1;
    return new Promise((resolve, reject) => {
      this.pending.set(n, { resolve, reject });
      this.workers[w]?.postMessage({ n, spec, id, labelledBy } satisfies ChartJob);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
    this.failAll(new Error('the chart pool was closed'));
  }

  private failAll(error: Error): void {
    for (const job of this.pending.values()) job.reject(error);
    this.pending.clear();
  }
}

/**
 * How many chart workers a build starts: one per core but the one the
 * pages render on (measured on 2 cores: 1 worker beat 2 by 5–10 %).
 * `SCORECARD_CHART_WORKERS` overrides it.
 */
export const chartWorkers = (): number => Math.max(1, Number(process.env.SCORECARD_CHART_WORKERS) || availableParallelism() - 1);

/**
 * Runs `build` with a pool of chart workers, which `drawChart` (chart-draw.ts)
 * uses while it runs.
 *
 * @example
 * await withChartPool(chartWorkers(), () => buildAstroSite(options));
 */
export async function withChartPool<T>(size: number, build: () => Promise<T>): Promise<T> {
  const pool = new ChartPool(size);
  const global = globalThis as { [ACTIVE_CHART_POOL]?: ChartDrawer };
  const outer = global[ACTIVE_CHART_POOL];
  global[ACTIVE_CHART_POOL] = pool;
  try {
    return await build();
  } finally {
    global[ACTIVE_CHART_POOL] = outer;
    await pool.close();
  }
}
