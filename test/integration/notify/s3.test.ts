import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../functions/config.ts';
import { memoryLog } from '../../../functions/log.ts';
import { notifyVersion } from '../../../functions/notify/notify.ts';
import { readSendLog } from '../../../functions/notify/send-log.ts';
import { S3Store } from '../../../functions/store/s3.ts';
import { startLocalS3, type LocalS3 } from '../../helpers/s3rver.ts';
import { AS_OF, makeFixture, publishedPaths, publishPages } from './fixture.ts';

let s3: LocalS3;
beforeAll(async () => {
  s3 = await startLocalS3(['lake']);
});
afterAll(() => s3.stop());

describe('notify on an S3 lake', () => {
  it('reads the version from the bucket, writes the outbox and the send log there, and resumes from it', async () => {
    const fixture = await makeFixture();
    await publishPages(fixture.store, publishedPaths(fixture.entities));
    const store = new S3Store(s3.client, 'lake');
    for (const key of await fixture.store.list('')) await store.put(key, (await fixture.store.get(key)) ?? new Uint8Array());
    const config = resolveConfig({ store: { kind: 's3', bucket: 'lake' }, siteBaseUrl: 'https://reports.example.com' });
    const ctx = { config, store, log: memoryLog(), scratch: await mkdtemp(join(tmpdir(), 'notify-s3-')) };
    const managers = fixture.entities.filter((e) => e.level === 'team').map((e) => e.email?.toLowerCase());

    const first = await notifyVersion(ctx, AS_OF);
    const second = await notifyVersion(ctx, AS_OF);

    expect(first.sent.map((e) => e.toLowerCase()).sort()).toEqual(managers.sort());
    expect(second.sent).toEqual([]);
    expect((await readSendLog(store, AS_OF)).map((r) => r.email.toLowerCase()).sort()).toEqual(managers.sort());
    const eml = await store.get(`outbox/${AS_OF}/michael.kim@salesco.example.eml`);
    expect((await simpleParser(Buffer.from(eml ?? []))).subject).toBe(`Sales scorecard for team Michael Kim, as of ${AS_OF}`);
  });
});
