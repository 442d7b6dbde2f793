import { mkdtemp, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireLease, LeaseBusyError, type LeaseRecord } from '../../../functions/run/lease.ts';
import { createExclusive } from '../../../functions/store/create-exclusive.ts';
import { FsStore } from '../../../functions/store/fs.ts';
import { S3Store } from '../../../functions/store/s3.ts';
import { putJson, type ObjectStore } from '../../../functions/store/store.ts';
import { startLocalS3, type LocalS3 } from '../../helpers/s3rver.ts';

let s3: LocalS3;
let dir: string;

beforeAll(async () => {
  s3 = await startLocalS3(['lake']);
  dir = await mkdtemp(join(tmpdir(), 'lease-'));
});

afterAll(async () => {
  await s3?.stop();
  await rm(dir, { recursive: true, force: true });
});

const stores: [string, () => ObjectStore][] = [
  ['a folder', () => new FsStore(join(dir, String(Math.random())))],
  ['S3 (s3rver)', () => new S3Store(s3.client, 'lake')],
];

describe.each(stores)('the lease on %s', (_, open) => {
  it('creates a key exclusively: of 12 racing creates exactly one wins', async () => {
    const store = open();
    const key = `race/${Math.random()}.json`;
    const wins = await Promise.all(Array.from({ length: 12 }, (_, i) => createExclusive(store, key, `{"n":${i}}`)));
    expect(wins.filter(Boolean)).toHaveLength(1);
  });

  it('lets one of several runs in, refuses the others naming the holder, and is free again once released', async () => {
    const store = open();
    const name = `ws-${Math.random().toString(36).slice(2)}`;
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => acquireLease(store, name, `run ${i}`)));
    const held = results.filter((r) => r.status === 'fulfilled');
    expect(held).toHaveLength(1);
    for (const r of results.filter((x) => x.status === 'rejected')) {
      expect(r.reason).toBeInstanceOf(LeaseBusyError);
      expect((r.reason as Error).message).toMatch(new RegExp(`another run holds the ${name} lease: "run \\d" \\(pid ${process.pid} on .+\\), started \\d+ s ago`));
    }
    await (held[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof acquireLease>>>).value.release();
    const again = await acquireLease(store, name, 'later run');
    await again.check();
    await again.release();
  });

  it('takes over the lease of a crashed run: expired, or whose process is gone on this machine', async () => {
    const store = open();
    const name = `crashed-${Math.random().toString(36).slice(2)}`;
    const stale = (pid: number, host: string, expiresIn: number): LeaseRecord => ({
      name,
      holder: 'scorecard nightly',
      host,
      pid,
      acquiredAt: new Date(Date.now() - 60_000).toISOString(),
      expiresAt: new Date(Date.now() + expiresIn).toISOString(),
      token: 'old',
    });
    // alive elsewhere and not expired: busy
    await putJson(store, `locks/${name}/000000000001.json`, stale(process.pid, 'another-host', 60_000));
    await expect(acquireLease(store, name, 'me')).rejects.toBeInstanceOf(LeaseBusyError);
    // expired: taken over, and the old holder's check fails
    await putJson(store, `locks/${name}/000000000002.json`, stale(process.pid, 'another-host', -1));
    const taken = await acquireLease(store, name, 'me');
    await taken.release();
    // a dead process on this machine: taken over at once
    await putJson(store, `locks/${name}/000000000009.json`, stale(2 ** 22 + 7, hostname(), 600_000));
    const again = await acquireLease(store, name, 'me');
    expect(again.key).toBe(`locks/${name}/000000000010.json`);
    await again.release();
  });
});
