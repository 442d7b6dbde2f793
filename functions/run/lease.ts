import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { ScorecardError } from '../errors.ts';
import { createExclusive } from '../store/create-exclusive.ts';
import { getJson, putJson, type ObjectStore } from '../store/store.ts';

/** Exit code of a command refused because another run holds the lease. */
export const BUSY_EXIT_CODE = 3;

/** How long a lease lasts without a heartbeat; a crashed run's lease lapses after this. */
function ttlMs(): number {
  const seconds = Number(process.env.SCORECARD_LEASE_TTL_SECONDS ?? 600);
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : 600) * 1000;
}

/** What a lease object holds: who runs, since when, until when unless renewed. */
export interface LeaseRecord {
  name: string;
  holder: string;
  host: string;
  pid: number;
  acquiredAt: string;
  expiresAt: string;
  /** tells this run's own record from another's (a retried create whose first try did land answers "exists") */
  token: string;
}

/** Another run holds the lease: nothing was done (exit code {@link BUSY_EXIT_CODE}). */
export class LeaseBusyError extends ScorecardError {
  override name = 'LeaseBusyError';
  readonly exitCode = BUSY_EXIT_CODE;
  constructor(readonly lease: string, readonly record: LeaseRecord) {
    const age = Math.max(0, Math.round((Date.now() - Date.parse(record.acquiredAt)) / 1000));
    super(
      `another run holds the ${lease} lease: "${record.holder}" (pid ${record.pid} on ${record.host}), started ${formatAge(age)} ago`,
      `wait for it to finish and run again; if it crashed, its lease lapses by itself at ${record.expiresAt} ` +
        '(at once on the same machine, when its process is gone)',
    );
  }
}

/** The run lost its lease (it was taken over after expiring): it must stop before writing more. */
export class LeaseLostError extends ScorecardError {
  override name = 'LeaseLostError';
}

function formatAge(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}

const GENERATION = /^(\d{12})\.(json|released)$/;

function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** A lease this run holds: renewed in the background until released. */
export interface Lease {
  readonly key: string;
  /** throws {@link LeaseLostError} unless this run still holds the lease: call before a commit write */
  check(): Promise<void>;
  release(): Promise<void>;
}

/*
 * A lease is a chain of generations under `locks/<name>/`: `<n>.json` is
 * taken by an exclusive create, so of two runs racing for generation n only
 * one gets it; `<n>.released` frees it. A crashed holder's generation is
 * taken over by creating n+1 once it has expired (or its process is gone on
 * this machine), which again only one run can do. Nothing is ever overwritten
 * by another run, so the lease needs no compare-and-swap beyond the create.
 */
async function current(store: ObjectStore, prefix: string) {
  let generation = 0;
  const released = new Set<number>();
  for (const key of await store.list(prefix)) {
    const match = GENERATION.exec(key.slice(prefix.length));
    if (!match) continue;
    const n = Number(match[1]);
    if (match[2] === 'released') released.add(n);
    generation = Math.max(generation, n);
  }
  return { generation, released: released.has(generation) };
}

const fileOf = (prefix: string, n: number, ext: string) => `${prefix}${String(n).padStart(12, '0')}.${ext}`;

/**
 * Takes the lease `name` of the lake for `holder`, or throws
 * {@link LeaseBusyError} naming who holds it and for how long.
 *
 * @example
 * const lease = await acquireLease(store, 'workspace', 'scorecard nightly --as-of 2026-11-26');
 * try { … } finally { await lease.release(); }
 */
export async function acquireLease(store: ObjectStore, name: string, holder: string): Promise<Lease> {
  const prefix = `locks/${name}/`;
  for (let attempt = 0; attempt < 5; attempt++) {
    const { generation, released } = await current(store, prefix);
    if (generation > 0 && !released) {
      const record = await getJson<LeaseRecord>(store, fileOf(prefix, generation, 'json'));
      const expired = record !== undefined && Date.parse(record.expiresAt) < Date.now();
      const gone = record !== undefined && record.host === hostname() && processGone(record.pid);
      if (record && !expired && !gone) throw new LeaseBusyError(name, record);
    }
    const mine = generation + 1;
    const now = Date.now();
    const record: LeaseRecord = {
      name,
      holder,
      host: hostname(),
      pid: process.pid,
      acquiredAt: new Date(now).toISOString(),
      expiresAt: new Date(now + ttlMs()).toISOString(),
      token: randomUUID(),
    };
    const created = await createExclusive(store, fileOf(prefix, mine, 'json'), JSON.stringify(record, null, 2) + '\n');
    if (!created && (await getJson<LeaseRecord>(store, fileOf(prefix, mine, 'json')))?.token !== record.token) continue;
    // earlier generations are history now
    for (const key of await store.list(prefix)) {
      const match = GENERATION.exec(key.slice(prefix.length));
      if (match && Number(match[1]) < mine) await store.deletePrefix(key);
    }
    return heldLease(store, prefix, mine, record);
  }
  const { generation } = await current(store, prefix);
  const record = await getJson<LeaseRecord>(store, fileOf(prefix, generation, 'json'));
  if (record) throw new LeaseBusyError(name, record);
  throw new LeaseLostError(`could not take the ${name} lease in ${store.description}: other runs kept taking it`);
}

function heldLease(store: ObjectStore, prefix: string, mine: number, record: LeaseRecord): Lease {
  const key = fileOf(prefix, mine, 'json');
  let lost: Error | undefined;
  const check = async () => {
    if (lost) throw lost;
    const { generation, released } = await current(store, prefix);
    if (generation !== mine || released) {
      lost = new LeaseLostError(
        `this run's ${record.name} lease was taken over by another run (it expired): stopping before writing more`,
        'a run that pauses longer than SCORECARD_LEASE_TTL_SECONDS loses its lease; raise it for very long runs',
      );
      throw lost;
    }
  };
  // renew well before expiry; a timer that keeps no process alive
  const every = Math.max(1000, Math.floor(ttlMs() / 3));
  const timer = setInterval(() => {
    void check()
      .then(() => putJson(store, key, { ...record, expiresAt: new Date(Date.now() + ttlMs()).toISOString() }))
      .catch(() => undefined);
  }, every);
  timer.unref();
  return {
    key,
    check,
    async release() {
      clearInterval(timer);
      if (lost) return;
      await store.put(fileOf(prefix, mine, 'released'), '');
    },
  };
}

/**
 * Runs `fn` holding the lease `name`; the lease is released however `fn` ends
 * (a crash leaves it to lapse).
 */
export async function withLease<T>(
  store: ObjectStore,
  name: string,
  holder: string,
  fn: (lease: Lease) => Promise<T>,
): Promise<T> {
  const lease = await acquireLease(store, name, holder);
  try {
    return await fn(lease);
  } finally {
    await lease.release();
  }
}
