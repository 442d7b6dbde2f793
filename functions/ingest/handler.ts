import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { AWS_ENV, withLambdaContext } from '../aws/env.ts';
import type { Log } from '../log.ts';
import { getJson } from '../store/store.ts';
import { checkDropId } from './drop-id.ts';
import { IngestError } from './errors.ts';
import { ingestDrop } from './ingest.ts';
import { reportKey, type IngestReport } from '../lake/ingest-report.ts';

const logger = new Logger({ serviceName: 'scorecard-ingest' });

function powertoolsLog(parent: Logger): Log {
  return {
    info: (message) => parent.info(message),
    warn: (message) => parent.warn(message),
    child: (name) => powertoolsLog(parent.createChild({ persistentKeys: { step: name } })),
  };
}

/** A drop's completion marker that an event announced. */
export interface MarkerObject {
  bucket: string;
  dropId: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Bucket and key of every object an S3 notification (or its EventBridge form) announces as created. */
function createdObjects(event: unknown): { bucket: string; key: string }[] {
  if (!isObject(event)) return [];
  const out: { bucket: string; key: string }[] = [];
  if (Array.isArray(event.Records)) {
    for (const record of event.Records as unknown[]) {
      if (!isObject(record) || typeof record.eventName !== 'string' || !record.eventName.startsWith('ObjectCreated')) continue;
      const s3 = isObject(record.s3) ? record.s3 : {};
      const bucket = isObject(s3.bucket) ? s3.bucket.name : undefined;
      const key = isObject(s3.object) ? s3.object.key : undefined;
      // S3 notifications URL-encode keys, with `+` for a space
      if (typeof bucket === 'string' && typeof key === 'string') {
        out.push({ bucket, key: decodeURIComponent(key.replace(/\+/g, ' ')) });
      }
    }
  } else if (event['detail-type'] === 'Object Created' && isObject(event.detail)) {
    const bucket = isObject(event.detail.bucket) ? event.detail.bucket.name : undefined;
    const key = isObject(event.detail.object) ? event.detail.object.key : undefined;
    if (typeof bucket === 'string' && typeof key === 'string') out.push({ bucket, key });
  }
  return out;
}

/**
 * The completion markers `landing/<drop>/_SUCCESS` an S3 `ObjectCreated`
 * event announces. Other keys are not for this function; a marker whose
 * drop id is unsafe (`landing/../_SUCCESS`) is refused with the reason.
 *
 * @example
 * markersFromEvent({ Records: [{ eventName: 'ObjectCreated:Put',
 *   s3: { bucket: { name: 'landing' }, object: { key: 'landing/2026-11-26/_SUCCESS' } } }] });
 * // { markers: [{ bucket: 'landing', dropId: '2026-11-26' }], refused: [] }
 */
export function markersFromEvent(event: unknown): { markers: MarkerObject[]; refused: string[] } {
  const markers: MarkerObject[] = [];
  const refused: string[] = [];
  for (const { bucket, key } of createdObjects(event)) {
    const m = /^landing\/([^/]+)\/_SUCCESS$/.exec(key);
    if (!m) continue;
    try {
      markers.push({ bucket, dropId: checkDropId(m[1] ?? '') });
    } catch (error) {
      if (!(error instanceof IngestError)) throw error;
      refused.push(`${key}: ${error.message}`);
    }
  }
  return { markers, refused };
}

export interface IngestHandlerResult {
  dropId: string;
  /** `ingested` now, or `already-ingested` by an earlier delivery of the same event */
  outcome: 'ingested' | 'already-ingested';
  totals: IngestReport['totals'];
}

/**
 * Ingests the drops whose markers the event announces, in the lake the
 * environment configures (functions/aws/env.ts); the marker's bucket is
 * where the drop landed. S3 delivers events at least once: a drop that
 * already has its report is not ingested again.
 *
 * @example
 * await handleIngestEvent(s3Event, process.env); // [{ dropId: '2026-11-26', outcome: 'ingested', totals: {...} }]
 */
export async function handleIngestEvent(
  event: unknown,
  env: Record<string, string | undefined> = process.env,
  log: Log = powertoolsLog(logger),
): Promise<IngestHandlerResult[]> {
  const { markers, refused } = markersFromEvent(event);
  // a retry cannot make a bad key good: say so, and do not fail the invocation
  for (const reason of refused) log.warn(`ignoring ${reason}`);
  if (markers.length === 0) log.info('the event announces no landing/<drop>/_SUCCESS marker: nothing to do');
  const results: IngestHandlerResult[] = [];
  for (const marker of markers) {
    // the drop is read where it landed; without a lake bucket configured, the lake is that bucket too
    const scoped: Record<string, string | undefined> = {
      ...env,
      [AWS_ENV.landingBucket]: marker.bucket,
      [AWS_ENV.lakeBucket]: env[AWS_ENV.lakeBucket] || marker.bucket,
    };
    const result = await withLambdaContext(
      log,
      async (ctx): Promise<IngestHandlerResult> => {
        const existing = await getJson<IngestReport>(ctx.store, reportKey(marker.dropId));
        if (existing) {
          ctx.log.info(`drop ${marker.dropId} was already ingested: a duplicate delivery, nothing to do`);
          return { dropId: marker.dropId, outcome: 'already-ingested', totals: existing.totals };
        }
        const report = await ingestDrop(ctx, marker.dropId);
        return { dropId: marker.dropId, outcome: 'ingested', totals: report.totals };
      },
      scoped,
    );
    results.push(result);
  }
  return results;
}

/**
 * Lambda entry of ingest: an S3 `ObjectCreated` notification for
 * `landing/<drop>/_SUCCESS`. Unexpected errors propagate so that Lambda
 * retries the event; the drop's own problems are in its report.
 */
export async function handler(event: unknown, context?: Context): Promise<IngestHandlerResult[]> {
  if (context) logger.addContext(context);
  try {
    return await handleIngestEvent(event);
  } catch (error) {
    logger.error('ingest failed', error as Error);
    throw error;
  } finally {
    logger.resetKeys();
  }
}
