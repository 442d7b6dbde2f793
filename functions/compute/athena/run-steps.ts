import { AthenaQueryError } from '../../engine/athena.ts';
import type { Engine } from '../../engine/engine.ts';
import type { Log } from '../../log.ts';
import type { ObjectStore } from '../../store/store.ts';
import type { AthenaStep } from './steps.ts';

export interface RunStepsOptions {
  /** queries running at once; Athena's default quota is 20-25 active DML queries per account */
  concurrency?: number;
  /** extra runs of a step whose failure Athena marks retryable */
  retries?: number;
}

/**
 * Runs each step's UNLOAD, a few at a time. A step's prefix is cleared
 * first, because UNLOAD refuses a non-empty location and a failed run may
 * have left files there; so a re-run writes each step afresh. A failure
 * that Athena calls retryable is run again (after clearing); any other
 * stops the run once the steps already running have ended.
 *
 * @example
 * await runAthenaSteps(engine, athenaSteps(sql, params, 'acme-lake'), ctx.store, ctx.log, { concurrency: 4 });
 */
export async function runAthenaSteps(
  engine: Engine,
  steps: AthenaStep[],
  store: ObjectStore,
  log: Log,
  options: RunStepsOptions = {},
): Promise<void> {
  const retries = options.retries ?? 1;
  const runStep = async (step: AthenaStep): Promise<void> => {
    for (let attempt = 0; ; attempt++) {
      await store.deletePrefix(step.prefix);
      try {
        await engine.exec(step.statement, step.origin);
        log.info(`${step.file}: rows unloaded to ${step.prefix}`);
        return;
      } catch (error) {
        if (!(error instanceof AthenaQueryError && error.retryable) || attempt >= retries) throw error;
        log.warn(`${step.file}: ${error.message}; running it again`);
      }
    }
  };
  const queue = [...steps];
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    for (let step = queue.shift(); step && !failure; step = queue.shift()) {
      try {
        await runStep(step);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  const width = Math.max(1, Math.min(options.concurrency ?? 4, steps.length));
  await Promise.all(Array.from({ length: width }, worker));
  if (failure) throw failure.error;
}
