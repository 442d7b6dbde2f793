import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sampleTree } from './proc-tree.ts';
import type { StepReport } from './step.ts';
import type { StepName, Steps } from './steps.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
/** the repository root: children resolve `tsx` from its node_modules */
export const REPO_ROOT = join(HERE, '..', '..');

/** One step's figures, as the result file and the table show them. */
export interface StepMeasure<K extends StepName = StepName> {
  step: K;
  /** the whole child process, start to exit: what a Lambda invocation or a CLI run of the stage costs */
  wallS: number;
  /** the stage function alone (wall time minus Node, tsx and imports) */
  workS: number;
  /** user + system CPU of the process and its descendants */
  cpuS: number;
  /** peak resident memory: the greater of the process's own maximum and the sampled sum over its process tree */
  peakRssMb: number;
  output: Steps[K]['out'];
  /** with --repeat: the work seconds of every run (the figures above are the fastest run's, memory the worst) */
  runsS?: number[];
}

export interface SpawnOptions {
  /** holds `<step>.in.json`, `<step>.report.json` and `<step>.log` (the stage's own log lines) */
  workDir: string;
  /** extra environment for the child, e.g. AWS_LAMBDA_FUNCTION_MEMORY_SIZE to cap DuckDB as in Lambda */
  env?: Record<string, string>;
  /** write V8 CPU profiles of the step to `<profileDir>/<step>/` (one per thread: the main one, tsx's loader, workers) */
  profileDir?: string;
  /** also show the stage's log lines on stderr */
  verbose?: boolean;
}

const SAMPLE_MS = 100;
const round = (n: number, digits = 3) => Number(n.toFixed(digits));

/**
 * Runs one step (steps.ts) in a child Node process and measures it: wall
 * time from spawn to exit, the child's own CPU and maxRSS (exact, from
 * `process.resourceUsage()`), plus the CPU and memory of any process it
 * starts (sampled from /proc every 100 ms).
 *
 * @example
 * const m = await runStep('compute', { workspace, asOf }, { workDir });
 * m.wallS; m.peakRssMb; m.output.rows.kpi_values;
 */
export async function runStep<K extends StepName>(step: K, input: Steps[K]['in'], options: SpawnOptions): Promise<StepMeasure<K>> {
  const inputFile = join(options.workDir, `${step}.in.json`);
  const reportFile = join(options.workDir, `${step}.report.json`);
  const logFile = join(options.workDir, `${step}.log`);
  await writeFile(inputFile, JSON.stringify(input));
  const profile = options.profileDir
    ? ['--cpu-prof', `--cpu-prof-dir=${join(options.profileDir, step)}`]
    : [];
  const args = [...profile, '--import', 'tsx', join(HERE, 'step.ts'), step, inputFile, reportFile];
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...options.env, TZ: 'UTC' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const sampler = sampleTree(child.pid ?? -1, SAMPLE_MS);
  const log = createWriteStream(logFile);
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk: Buffer) => {
      log.write(chunk);
      if (options.verbose) process.stderr.write(chunk);
    });
  }
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode) => resolve(exitCode));
  });
  const wallS = (performance.now() - started) / 1000;
  const tree = sampler.stop();
  await new Promise((resolve) => log.end(resolve));
  if (code !== 0) {
    const tail = (await readFile(logFile, 'utf8')).split('\n').slice(-30).join('\n');
    throw new Error(`bench step ${step} failed (exit code ${code}); the end of ${logFile}:\n${tail}`);
  }
  const report = JSON.parse(await readFile(reportFile, 'utf8')) as StepReport;
  return {
    step,
    wallS: round(wallS),
    workS: round(report.workMs / 1000),
    cpuS: round(report.userS + report.systemS + tree.descendantsCpuS),
    peakRssMb: round(Math.max(report.maxRssKb, tree.peakTreeRssKb) / 1024, 1),
    output: report.output as Steps[K]['out'],
  };
}
