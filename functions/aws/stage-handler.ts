import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { withLambdaContext } from './env.ts';
import type { StageContext } from '../context.ts';
import { parseAsOf } from '../as-of.ts';
import type { Log } from '../log.ts';
import { withWorkspaceLease } from '../run/guard.ts';
import type { Lease } from '../run/lease.ts';

/**
 * The as-of date of a Step Functions input `{ "asOf": "YYYY-MM-DD" }`.
 *
 * @example
 * asOfFromEvent({ asOf: '2026-11-26' }) // '2026-11-26'
 */
export function asOfFromEvent(event: unknown): string {
  const asOf = typeof event === 'object' && event !== null && 'asOf' in event ? event.asOf : undefined;
  return parseAsOf(asOf, 'the "asOf" of the Step Functions input');
}

/** The stage log, as Powertools' structured JSON lines in CloudWatch. */
export function powertoolsLog(parent: Logger): Log {
  return {
    info: (message) => parent.info(message),
    warn: (message) => parent.warn(message),
    child: (name) => powertoolsLog(parent.createChild({ persistentKeys: { step: name } })),
  };
}

/**
 * A Lambda handler for a nightly stage started by Step Functions with
 * `{ "asOf": "YYYY-MM-DD" }`: it parses the input, sets the log context and
 * runs the stage on the lake bucket. Errors propagate with their names for the
 * state machine's Retry and Catch.
 *
 * @example
 * export const handler = stageHandler('scorecard-compute', (ctx, asOf) => computeVersion(ctx, asOf));
 */
export function stageHandler<T>(serviceName: string, run: (ctx: StageContext, asOf: string, lease: Lease) => Promise<T>) {
  const logger = new Logger({ serviceName });
  return async (event: unknown, context?: Context): Promise<T> => {
    if (context) logger.addContext(context);
    const asOf = asOfFromEvent(event);
    logger.appendKeys({ asOf });
    try {
      // each stage holds the workspace lease, so a second execution (or a CLI run) on the lake fails with
      // LeaseBusyError, which the state machine retries with a long backoff until the first is done
      return await withLambdaContext(powertoolsLog(logger), (ctx) =>
        withWorkspaceLease(ctx, `${serviceName} ${asOf}`, (lease) => run(ctx, asOf, lease)),
      );
    } catch (error) {
      logger.error(`${serviceName} failed`, error as Error);
      throw error;
    } finally {
      logger.resetKeys();
    }
  };
}
