import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { simpleParser } from 'mailparser';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AWS_ENV } from '../../../functions/aws/env.ts';
import { handler } from '../../../functions/notify/handler.ts';
import { readSendLog } from '../../../functions/notify/send-log.ts';
import { teamPath } from '../../../functions/report/routes.ts';
import { S3Store } from '../../../functions/store/s3.ts';
import { startLocalS3, type LocalS3 } from '../../helpers/s3rver.ts';
import { AS_OF, makeFixture, publishedPaths, publishPages } from './fixture.ts';

const ses = mockClient(SESv2Client);
let s3: LocalS3;

beforeAll(async () => {
  s3 = await startLocalS3(['lake']);
});
afterAll(() => s3.stop());
afterEach(() => {
  ses.reset();
  vi.unstubAllEnvs();
});

describe('notify Lambda handler', () => {
  it('sends through SES, one raw message per manager, logs them in the lake bucket, and nothing again on a retry', async () => {
    const fixture = await makeFixture();
    await publishPages(fixture.store, publishedPaths(fixture.entities));
    const lake = new S3Store(s3.client, 'lake');
    for (const key of await fixture.store.list('')) await lake.put(key, (await fixture.store.get(key)) ?? new Uint8Array());
    // what the CDK stacks set on the function (s3rver standing in for S3)
    vi.stubEnv(AWS_ENV.config, JSON.stringify({ email: { from: 'Scorecard <scorecard@salesco.example>' } }));
    vi.stubEnv(AWS_ENV.lakeBucket, 'lake');
    vi.stubEnv(AWS_ENV.s3Endpoint, s3.endpoint);
    vi.stubEnv(AWS_ENV.siteBaseUrl, 'https://reports.example.com');
    vi.stubEnv('AWS_REGION', 'us-east-1');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'S3RVER');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'S3RVER');
    let id = 0;
    ses.on(SendEmailCommand).callsFake(async () => ({ MessageId: `ses-${++id}` }));
    const managers = fixture.entities.filter((e) => e.level === 'team');

    const result = await handler({ asOf: AS_OF });

    const calls = ses.commandCalls(SendEmailCommand);
    expect(result.transport).toBe('ses');
    expect(calls).toHaveLength(managers.length);
    for (const call of calls) {
      const input = call.args[0].input;
      expect(input.FromEmailAddress).toBe('scorecard@salesco.example');
      expect(input.Destination?.ToAddresses).toHaveLength(1);
      const to = input.Destination?.ToAddresses?.[0];
      const manager = managers.find((m) => m.email === to);
      const mail = await simpleParser(Buffer.from(input.Content?.Raw?.Data ?? []));
      expect(mail.to).toMatchObject({ value: [{ address: to }] });
      expect(mail.text).toContain(`https://reports.example.com/${teamPath(AS_OF, manager?.entityId ?? '?')}`);
    }
    expect((await readSendLog(lake, AS_OF)).map((r) => r.receipt).sort()).toEqual(
      Array.from({ length: managers.length }, (_, i) => `ses-${i + 1}`).sort(),
    );

    const retry = await handler({ asOf: AS_OF });

    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(managers.length);
    expect(retry.sent).toEqual([]);
  });
});
