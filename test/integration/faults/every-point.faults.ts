import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemoDrop } from '../../../functions/demo/demo.ts';
import { directoryWriter } from '../../../functions/demo/writers.ts';
import { startResetProxy, type ResetProxy } from '../../helpers/reset-proxy.ts';
import { startLocalS3, type LocalS3 } from '../../helpers/s3rver.ts';
import { startSmtp, type TestSmtp } from '../notify/smtp-server.ts';
import { expectNothingHalfVisible, versionBytes } from './night-checks.ts';
import { leftovers, mailsPerRecipient, scorecard, tree, until } from './night-helpers.ts';

/*
 * The long form of night.test.ts (`npm run test:faults`): the second night
 * killed at every crash point of the code, each from a copy of the lake
 * after the first night, then run again; and a night on an S3 lake whose
 * endpoint goes away, and one through a connection-resetting proxy.
 */

const D1 = '2026-11-25';
const D2 = '2026-11-26';
let dir: string;
let smtp: TestSmtp;
let afterFirst: string;
let reference: Record<string, string>;
let recipients: number;

const POINTS: [string, number][] = [
  ['land:file', 3],
  ['ingest:table-written', 5],
  ['ingest:before-report', 1],
  ['nightly:ingested', 1],
  ['compute:part-written', 2],
  ['compute:switched', 1],
  ['nightly:computed', 1],
  ['publish:built', 1],
  ['store:put', 40],
  ['publish:uploaded', 1],
  ['publish:committed', 1],
  ['nightly:published', 1],
  ['notify:intent-recorded', 3],
  ['notify:sent', 3],
  ['notify:receipt-recorded', 3],
];

async function configFor(ws: string, extra: object = {}): Promise<string> {
  const file = join(ws, '..', `${ws.split('/').at(-1)}.config.json`);
  await writeFile(
    file,
    JSON.stringify({ workspace: ws, siteBaseUrl: 'https://reports.example.com', email: { transport: 'smtp', smtp: { host: '127.0.0.1', port: smtp.port, secure: false } }, ...extra }),
  );
  return file;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'every-point-'));
  smtp = await startSmtp();
  for (const asOf of [D1, D2]) await writeDemoDrop(directoryWriter(join(dir, asOf)), { asOf, seed: 1, scale: 1 });
  afterFirst = join(dir, 'after-first');
  const first = await scorecard(['nightly', '--as-of', D1, '--input', join(dir, D1)], { config: await configFor(afterFirst) }).done;
  expect(first.code, first.stderr).toBe(0);
  const ref = join(dir, 'reference');
  await cp(afterFirst, ref, { recursive: true });
  smtp.received.length = 0;
  const second = await scorecard(['nightly', '--as-of', D2, '--input', join(dir, D2)], { config: await configFor(ref) }).done;
  expect(second.code, second.stderr).toBe(0);
  reference = await versionBytes(ref, D2);
  recipients = (await mailsPerRecipient(smtp.received, D2)).size;
});

afterAll(async () => {
  await smtp?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.each(POINTS)('the second night killed at %s (pass %i)', (point, after) => {
  it('keeps the first version, shows nothing half-written, and the re-run reaches the uninterrupted bytes with every e-mail once', async () => {
    const ws = join(dir, point.replace(':', '-'));
    await cp(afterFirst, ws, { recursive: true });
    const config = await configFor(ws);
    const v1 = await tree(ws, `site/v/${D1}/`);
    smtp.received.length = 0;
    const killed = await scorecard(['nightly', '--as-of', D2, '--input', join(dir, D2)], { config, crashAt: point, crashAfter: after }).done;
    expect(killed.signal, killed.stderr).toBe('SIGKILL');
    expect(await tree(ws, `site/v/${D1}/`)).toEqual(v1);
    await expectNothingHalfVisible(ws);

    const rerun = await scorecard(['nightly', '--as-of', D2, '--input', join(dir, D2)], { config }).done;
    const uncertain = point === 'notify:intent-recorded' || point === 'notify:sent';
    expect(rerun.code, rerun.stderr).toBe(uncertain ? 1 : 0);
    if (point === 'notify:intent-recorded') {
      const resent = await scorecard(['notify', '--as-of', D2, '--resend-uncertain'], { config }).done;
      expect(resent.code, resent.stderr).toBe(0);
    }
    expect(await expectNothingHalfVisible(ws)).toEqual([D1, D2]);
    expect(await versionBytes(ws, D2)).toEqual(reference);
    const mails = await mailsPerRecipient(smtp.received, D2);
    expect(mails.size).toBe(recipients);
    expect([...mails.values()].every((n) => n === 1)).toBe(true);
    expect(leftovers((await tree(ws)).keys())).toEqual([]);
  });
});

describe('a night on an S3 lake (s3rver)', () => {
  let s3: LocalS3;
  let proxy: ResetProxy;
  const env = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', SCORECARD_S3_RETRY_SCALE: '0.02' };

  beforeAll(async () => {
    s3 = await startLocalS3(['lake']);
  });
  afterAll(async () => {
    await proxy?.close();
    await s3?.stop();
  });

  const s3Config = async (endpoint: string) => configFor(join(dir, 's3-ws'), { store: { kind: 's3', bucket: 'lake', endpoint } });
  const keys = async (prefix: string) =>
    ((await s3.client.send(new ListObjectsV2Command({ Bucket: 'lake', Prefix: prefix }))).Contents ?? []).map((o) => o.Key ?? '');

  it('fails with a scorecard: message when the endpoint goes away mid-run, and the re-run converges', async () => {
    proxy = await startResetProxy(Number(new URL(s3.endpoint).port), 0);
    const night = scorecard(['nightly', '--as-of', D1, '--input', join(dir, D1)], { config: await s3Config(proxy.endpoint), env });
    await until(async () => (await keys('kpi/_live/')).length > 0, 'compute to switch the version');
    await proxy.close();
    const failed = await night.done;
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^scorecard: the lake s3:\/\/lake did not answer/m);
    expect(failed.stderr).not.toMatch(/^\s+at /m);
    expect(await keys('site/versions/index.json')).toEqual([]);

    proxy = await startResetProxy(Number(new URL(s3.endpoint).port), 0);
    const rerun = await scorecard(['nightly', '--as-of', D1], { config: await s3Config(proxy.endpoint), env }).done;
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(await keys('site/versions/index.json')).toEqual(['site/versions/index.json']);
    await proxy.close();
  });

  it('runs a whole night through a proxy that resets one request in five', async () => {
    proxy = await startResetProxy(Number(new URL(s3.endpoint).port), 5);
    const night = await scorecard(['nightly', '--as-of', D2, '--input', join(dir, D2)], { config: await s3Config(proxy.endpoint), env }).done;
    expect(night.code, night.stderr).toBe(0);
    expect(proxy.resets()).toBeGreaterThan(10);
  });
});
