import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isScorecardError } from '../../../functions/errors.ts';
import { S3Store } from '../../../functions/store/s3.ts';
import { startResetProxy } from '../../helpers/reset-proxy.ts';
import { startLocalS3, type LocalS3 } from '../../helpers/s3rver.ts';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../../..');
let s3: LocalS3;
let dir: string;
const scale = process.env.SCORECARD_S3_RETRY_SCALE;

beforeAll(async () => {
  s3 = await startLocalS3(['lake']);
  dir = await mkdtemp(join(tmpdir(), 's3-faults-'));
  // the batch backoff (about 1.5 min) shrunk a hundredfold for the tests
  process.env.SCORECARD_S3_RETRY_SCALE = '0.01';
});

afterAll(async () => {
  if (scale === undefined) delete process.env.SCORECARD_S3_RETRY_SCALE;
  else process.env.SCORECARD_S3_RETRY_SCALE = scale;
  await s3?.stop();
  await rm(dir, { recursive: true, force: true });
});

const clientFor = (endpoint: string) =>
  new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });

describe('the S3 lake on a bad network', () => {
  it('writes, lists and reads everything through a proxy that resets one request in five', async () => {
    const port = Number(new URL(s3.endpoint).port);
    const proxy = await startResetProxy(port, 5);
    const client = clientFor(proxy.endpoint);
    try {
      const store = new S3Store(client, 'lake');
      const keys = Array.from({ length: 30 }, (_, i) => `flaky/${String(i).padStart(2, '0')}.txt`);
      for (const key of keys) await store.put(key, `body of ${key}`);
      expect(await store.list('flaky/')).toEqual(keys);
      for (const key of keys) expect(new TextDecoder().decode(await store.get(key))).toBe(`body of ${key}`);
      expect(proxy.resets()).toBeGreaterThan(5);
    } finally {
      client.destroy();
      await proxy.close();
    }
  });

  it('gives a scorecard: message with a hint once the endpoint stays down', async () => {
    const port = Number(new URL(s3.endpoint).port);
    const proxy = await startResetProxy(port, 0);
    const client = clientFor(proxy.endpoint);
    const store = new S3Store(client, 'lake');
    await store.put('up/first.txt', 'written while up');
    await proxy.close();
    try {
      const error = await store.put('up/second.txt', 'never written').catch((e: unknown) => e);
      expect(isScorecardError(error)).toBe(true);
      expect((error as Error).message).toMatch(/^the lake s3:\/\/lake did not answer PUT up\/second\.txt after 8 attempts \(ECONNREFUSED/);
      expect((error as { hint?: string }).hint).toMatch(/check that the S3 endpoint is up/);
    } finally {
      client.destroy();
    }
  });

  it('the CLI says so in one message, without a stack trace, and exits 1', async () => {
    const config = join(dir, 'down.config.json');
    await writeFile(config, JSON.stringify({ workspace: join(dir, 'ws'), store: { kind: 's3', bucket: 'lake', endpoint: 'http://127.0.0.1:9' } }));
    const result = await run('node', ['bin/scorecard.js', 'compute', '--as-of', '2026-11-26', '--config', config], {
      cwd: ROOT,
      env: { ...process.env, SCORECARD_S3_RETRY_SCALE: '0.01', AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^scorecard: the lake s3:\/\/lake did not answer .* after 8 attempts/m);
    expect(result.stderr).toMatch(/^ {2}check that the S3 endpoint is up/m);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});
