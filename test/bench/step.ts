import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { STEPS, type StepName } from './steps.ts';

/** What a step process reports about itself: exact figures from the kernel, for this process only. */
export interface StepReport {
  step: StepName;
  /** the step's function alone, in ms */
  workMs: number;
  /** from process start to the step's call: Node, tsx and the stage's imports are not in workMs */
  startupMs: number;
  userS: number;
  systemS: number;
  maxRssKb: number;
  output: unknown;
}

function isStepName(name: string | undefined): name is StepName {
  return name !== undefined && Object.hasOwn(STEPS, name);
}

/**
 * `node --import tsx test/bench/step.ts <step> <input.json> <report.json>`:
 * runs one step of a bench run (steps.ts) and writes its StepReport. The
 * harness (run.ts) starts one such process per step.
 */
async function main([name, inputFile, reportFile]: string[]): Promise<void> {
  if (!isStepName(name) || !inputFile || !reportFile) {
    throw new Error(`usage: step.ts <${Object.keys(STEPS).join('|')}> <input.json> <report.json>`);
  }
  const input: unknown = JSON.parse(readFileSync(inputFile, 'utf8'));
  const started = performance.now();
  // each runner checks nothing of its input: the harness wrote it from the same Steps type
  const output = await (STEPS[name] as (input: unknown) => Promise<unknown>)(input);
  const workMs = performance.now() - started;
  const usage = process.resourceUsage();
  const report: StepReport = {
    step: name,
    workMs,
    startupMs: started,
    userS: usage.userCPUTime / 1e6,
    systemS: usage.systemCPUTime / 1e6,
    maxRssKb: usage.maxRSS,
    output,
  };
  writeFileSync(reportFile, JSON.stringify(report, null, 2));
}

main(process.argv.slice(2)).then(
  // a stage may leave a timer or a worker behind (Astro): the report is written, so end here
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
