import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { withLambdaContext } from '../aws-env.ts';
import type { Log } from '../log.ts';
import { PublishError } from './errors.ts';
import { publishVersion } from './publish.ts';

const logger = new Logger({ serviceName: 'scorecard-publish' });

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
 * publishEventAsOf({ asOf: '2026-11-26' }) // '2026-11-26'
 */
export function publishEventAsOf(event: unknown): string {
  const asOf = typeof event === 'object' && event !== null && 'asOf' in event ? event.asOf : undefined;
  if (typeof asOf !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
    throw new PublishError(`the event must be { "asOf": "YYYY-MM-DD" }, not ${JSON.stringify(event)}`);
  }
  return asOf;
}

/**
 * Lambda entry of the publish stage: builds version `asOf` of the site from
 * the lake bucket and stores it under `site/`. (The deployed pipeline runs
 * the same build in CodeBuild through build-site.ts; this handler serves a
 * container-image Lambda or a local imitation.)
 */
export async function handler(event: unknown, context?: Context): Promise<{ asOf: string; pages: number }> {
  if (context) logger.addContext(context);
  const asOf = publishEventAsOf(event);
  logger.appendKeys({ asOf });
  try {
    const { pages } = await withLambdaContext(powertoolsLog(logger), (ctx) => publishVersion(ctx, asOf));
    return { asOf, pages: pages.length };
  } catch (error) {
    logger.error('publish failed', error as Error);
    throw error;
  } finally {
    logger.resetKeys();
  }
}
