import { parentPort } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';
import { renderChartSvg } from './chart-svg.ts';

/** A job of the chart pool (chart-pool.ts): draw one chart, answer with its number. */
export interface ChartJob {
  n: number;
  spec: TopLevelSpec;
  id: string;
  labelledBy: string;
}

export type ChartAnswer = { n: number; svg: string } | { n: number; error: string };

// Each worker keeps its own compiled views (chart-svg.ts), so each chart shape is compiled once per worker
parentPort?.on('message', (job: ChartJob) => {
  renderChartSvg(job.spec, job.id, job.labelledBy).then(
    (svg) => parentPort?.postMessage({ n: job.n, svg } satisfies ChartAnswer),
    (error: unknown) => parentPort?.postMessage({ n: job.n, error: error instanceof Error ? error.message : String(error) } satisfies ChartAnswer),
  );
});
