import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { withLambdaContext } from '../aws-env.ts';
import type { Log } from '../log.ts';
import { NotifyError } from './errors.ts';
import { notifyVersion, type NotifyResult } from './notify.ts';
import { checkVersionDate } from './versions.ts';

const logger = new Logger({ serviceName: 'scorecard-notify' });

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
 * asOfFromEvent({ asOf: '2026-11-26' }) // '2026-11-26'
 */
export function asOfFromEvent(event: unknown): string {
  const asOf = typeof event === 'object' && event !== null && 'asOf' in event ? event.asOf : undefined;
  try {
    return checkVersionDate(asOf);
  } catch (error) {
    throw new NotifyError(`the event must be { "asOf": "YYYY-MM-DD" }, not ${JSON.stringify(event)}`, undefined, { cause: error });
  }
}

/**
 * Lambda entry of the notify state: e-mails the links of version `asOf`
 * through the configured transport (SES in AWS, see configFromEnv). Errors
 * propagate with their names (`SendFailedError`, `MissingPagesError`, …) for
 * the state machine's Retry and Catch; a retry sends only what is missing.
 */
export async function handler(event: unknown, context?: Context): Promise<NotifyResult> {
  if (context) logger.addContext(context);
  const asOf = asOfFromEvent(event);
  logger.appendKeys({ asOf });
  try {
    return await withLambdaContext(powertoolsLog(logger), (ctx) => notifyVersion(ctx, asOf));
  } catch (error) {
    logger.error('notify failed', error as Error);
    throw error;
  } finally {
    logger.resetKeys();
  }
}
