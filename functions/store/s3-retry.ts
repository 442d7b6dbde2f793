import { setTimeout as sleep } from 'node:timers/promises';
import { ScorecardError } from '../errors.ts';

/** The lake's S3 endpoint failed for longer than the retries wait, or refused the request. */
export class StoreUnavailableError extends ScorecardError {
  override name = 'StoreUnavailableError';
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ECONNABORTED', 'UND_ERR_SOCKET']);

interface AwsLikeError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: unknown;
  cause?: unknown;
}

/** Whether waiting and trying again can help: the network, throttling, a 5xx. */
export function isRetryable(error: unknown): boolean {
  const e = error as AwsLikeError;
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && (status >= 500 || status === 429)) return true;
  if (e.$retryable) return true;
  if (e.code && NETWORK_CODES.has(e.code)) return true;
  if (['TimeoutError', 'RequestTimeout', 'SlowDown', 'ThrottlingException', 'NetworkingError'].includes(e.name ?? '')) return true;
  const cause = e.cause as AwsLikeError | undefined;
  return cause !== undefined && cause !== error && isRetryable(cause);
}

/** Waits between attempts, in ms: 1, 2, 4, 8, 16, 30, 30 s (about 1.5 min in all), scaled by SCORECARD_S3_RETRY_SCALE for tests. */
function delays(): number[] {
  const scale = Number(process.env.SCORECARD_S3_RETRY_SCALE ?? 1);
  return [1, 2, 4, 8, 16, 30, 30].map((s) => s * 1000 * (Number.isFinite(scale) && scale >= 0 ? scale : 1));
}

/**
 * Runs one S3 request, retrying what a retry can fix with a backoff suited to
 * a nightly batch job (a minute and a half, not the SDK's fraction of a
 * second: an endpoint restarting or a flaky link should not cost the night).
 * What still fails becomes a `scorecard:` message with a hint.
 */
export async function withS3Retry<T>(what: string, where: string, fn: () => Promise<T>): Promise<T> {
  const waits = delays();
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (isRetryable(error) && attempt < waits.length) {
        // full jitter: parallel writers do not retry in step
        await sleep(Math.round(waits[attempt]! * (0.5 + Math.random() / 2)));
        continue;
      }
      throw describe(error, what, where, attempt + 1);
    }
  }
}

function describe(error: unknown, what: string, where: string, attempts: number): unknown {
  const e = error as AwsLikeError;
  const reason = e.code ?? e.name ?? 'error';
  if (isRetryable(error)) {
    return new StoreUnavailableError(
      `the lake ${where} did not answer ${what} after ${attempts} attempts (${reason}: ${e.message ?? ''})`,
      'check that the S3 endpoint is up and reachable (store.endpoint / store.bucket in scorecard.config.json, network, AWS credentials), then run again: nothing half-done is visible',
      { cause: error },
    );
  }
  if (['AccessDenied', 'NoSuchBucket', 'InvalidAccessKeyId', 'SignatureDoesNotMatch', 'CredentialsProviderError'].includes(e.name ?? '')) {
    return new StoreUnavailableError(
      `the lake ${where} refused ${what} (${reason}: ${e.message ?? ''})`,
      'check store.bucket in scorecard.config.json and the credentials (AWS_PROFILE or AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY)',
      { cause: error },
    );
  }
  return error;
}
