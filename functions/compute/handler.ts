import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { withLambdaContext } from '../aws-env.ts';
import type { Log } from '../log.ts';
import { computeVersion } from './compute.ts';
import { ComputeError } from './errors.ts';

const logger = new Logger({ serviceName: 'scorecard-compute' });

function powertoolsLog(parent: Logger): Log {
  return {
    info: (message) => parent.info(message),
    warn: (message) => parent.warn(message),
    child: (name) => powertoolsLog(parent.createChild({ persistentKeys: { step: name } })),
  };
}

/**
 * The as-of date of a Step Functions input `{ "asOf": "YYYY-MM-DD" }`.
 *
 * @example
 * computeEventAsOf({ asOf: '2026-11-26' }); // '2026-11-26'
 */
export function computeEventAsOf(event: unknown): string {
  const asOf = typeof event === 'object' && event !== null && 'asOf' in event ? event.asOf : undefined;
  if (typeof asOf !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
    throw new ComputeError(`the event must be { "asOf": "YYYY-MM-DD" }, not ${JSON.stringify(event)}`);
  }
  return asOf;
}

/**
 * Lambda entry of the compute state: computes version `asOf` over the lake
 * bucket and replaces its kpi/ partitions. Errors propagate with their names
 * (`KpiQueryError`, ...) for the state machine's Retry and Catch; a retry
 * simply recomputes.
 */
export async function handler(event: unknown, context?: Context): Promise<{ asOf: string; rows: Record<string, number> }> {
  if (context) logger.addContext(context);
  const asOf = computeEventAsOf(event);
  logger.appendKeys({ asOf });
  try {
    const { rows } = await withLambdaContext(powertoolsLog(logger), (ctx) => computeVersion(ctx, asOf));
    return { asOf, rows };
  } catch (error) {
    logger.error('compute failed', error as Error);
    throw error;
  } finally {
    logger.resetKeys();
  }
}
