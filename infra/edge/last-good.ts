/**
 * A cache for what the gate fetches (the pool's keys, the access lists):
 * it keeps only values that passed a check, serves them for `maxAgeMs`,
 * and when a refresh fails or brings something bad it keeps serving the
 * last good value instead of failing every viewer. After a failure it waits
 * `retryMs` before asking again, so that an outage is not hammered.
 *
 * @example
 * const keys = new LastGood<Jwk[]>({ maxAgeMs: 3_600_000, retryMs: 10_000 });
 * await keys.get('jwks', () => fetchKeys(), (k) => k.length > 0, Date.now());
 */
export class LastGood<T> {
  private readonly good = new Map<string, { value: T; at: number }>();
  private readonly failed = new Map<string, number>();

  constructor(private readonly options: { maxAgeMs: number; retryMs: number }) {}

  /** The cached value of `key`, refreshed when older than maxAgeMs (or when `stale` says so). */
  async get(key: string, load: () => Promise<T | undefined>, isGood: (value: T) => boolean, now: number, stale = false): Promise<T | undefined> {
    const entry = this.good.get(key);
    const fresh = entry && now - entry.at < this.options.maxAgeMs && !stale;
    const failedAt = this.failed.get(key);
    if (fresh || (failedAt !== undefined && now - failedAt < this.options.retryMs)) return entry?.value;
    try {
      const value = await load();
      if (value !== undefined && isGood(value)) {
        this.good.set(key, { value, at: now });
        this.failed.delete(key);
        return value;
      }
    } catch {
      // fall through: the last good value, if any
    }
    this.failed.set(key, now);
    return entry?.value;
  }
}

/** fetch with a deadline: the viewer is waiting, and Lambda@Edge has 5 seconds in all. */
export function fetchWithTimeout(url: string, timeoutMs: number, fetcher: typeof fetch = fetch): Promise<Response> {
  return fetcher(url, { signal: AbortSignal.timeout(timeoutMs) });
}
