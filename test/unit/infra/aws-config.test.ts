import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../functions/config.ts';
import { ConfigError } from '../../../functions/errors.ts';
import { deployEnv } from '../../../infra/deploy-env.ts';

describe('the aws section of scorecard.config.json', () => {
  it('has a default for every deployment setting', () => {
    const { aws } = resolveConfig({});
    expect(aws.prefix).toBe('scorecard');
    expect(aws.lambdaArchitecture).toBe('x86_64');
    expect(aws.memoryMb).toEqual({ ingest: 2048, compute: 4096, notify: 1024 });
  });

  it('merges a partial section over the defaults', () => {
    const { aws } = resolveConfig({ aws: { memoryMb: { compute: 8192 }, siteViewers: ['ana@example.com'] } });
    expect(aws.memoryMb).toEqual({ ingest: 2048, compute: 8192, notify: 1024 });
    expect(aws.siteViewers).toEqual(['ana@example.com']);
  });

  it.each([
    [{ prefix: 'Scorecard' }, /aws.prefix must be/],
    [{ prefix: 'my-aws-reports' }, /aws.prefix must be/],
    [{ account: '1234' }, /aws.account must be a 12-digit/],
    [{ region: 'Europe' }, /aws.region must be a region/],
    [{ alarmEmail: 'ops' }, /aws.alarmEmail must be an e-mail/],
    [{ lambdaArchitecture: 'arm' }, /aws.lambdaArchitecture must be "arm64" or "x86_64"/],
    [{ memoryMb: { compute: 20_000 } }, /aws.memoryMb.compute must be a whole number of MB from 256 to 10240/],
    [{ tmpMb: 100 }, /aws.tmpMb/],
    [{ logRetentionDays: 10 }, /aws.logRetentionDays must be one of 1, 3, 5/],
    [{ athenaScanLimitMb: 5 }, /at least 10/],
    [{ siteViewers: ['ana'] }, /aws.siteViewers must be e-mail addresses/],
    [{ siteDomain: 'reports.example.com' }, /go together/],
    [{ siteDomain: 'r.example.com', siteCertificateArn: 'arn:aws:acm:eu-west-1:1:certificate/x' }, /in us-east-1/],
    [{ memroyMb: {} }, /unknown key "aws.memroyMb"/],
  ])('rejects aws %j with a message naming the key', (aws, message) => {
    expect(() => resolveConfig({ aws })).toThrow(ConfigError);
    expect(() => resolveConfig({ aws })).toThrow(message);
  });

  it('lets store.bucket be given (it has no default)', () => {
    expect(resolveConfig({ store: { kind: 's3', bucket: 'lake' } }).store).toEqual({ kind: 's3', bucket: 'lake' });
  });
});

describe('deployEnv', () => {
  it.each([
    [{}, {}, { region: 'us-east-1' }],
    [{}, { CDK_DEFAULT_ACCOUNT: '111111111111', CDK_DEFAULT_REGION: 'eu-west-1' }, { account: '111111111111', region: 'eu-west-1' }],
    [
      { account: '222222222222', region: 'ap-southeast-1' },
      { CDK_DEFAULT_ACCOUNT: '111111111111', CDK_DEFAULT_REGION: 'eu-west-1' },
      { account: '222222222222', region: 'ap-southeast-1' },
    ],
  ])('takes config %j over the CLI’s %j', (aws, env, expected) => {
    expect(deployEnv(resolveConfig({ aws }), env)).toEqual(expected);
  });
});
