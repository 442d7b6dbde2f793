import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AWS_ENV,
  configFromEnv,
  duckDbOptionsFromEnv,
  hasAwsEnv,
  lakeStoreFromEnv,
  stageConfigJson,
  wipeTmp,
  withLambdaContext,
} from '../../../functions/aws/env.ts';
import { resolveConfig } from '../../../functions/config.ts';
import { ConfigError } from '../../../functions/errors.ts';
import { memoryLog } from '../../../functions/log.ts';
import { PrefixRoutedStore } from '../../../functions/store/routed.ts';
import { S3Store } from '../../../functions/store/s3.ts';

const base = {
  [AWS_ENV.lakeBucket]: 'acme-lake',
  [AWS_ENV.config]: stageConfigJson(resolveConfig({ locale: 'th', aws: { prefix: 'acme' }, store: { kind: 's3', bucket: 'x' } })),
  AWS_REGION: 'eu-west-1',
};

describe('configFromEnv', () => {
  it('is the deployed config, on the lake bucket, sending with SES, linking to the real site', () => {
    const config = configFromEnv({ ...base, [AWS_ENV.siteBaseUrl]: 'https://d111.cloudfront.net' });

    expect(config.locale).toBe('th');
    expect(config.store).toEqual({ kind: 's3', bucket: 'acme-lake', region: 'eu-west-1' });
    expect(config.email.transport).toBe('ses');
    expect(config.siteBaseUrl).toBe('https://d111.cloudfront.net');
    // the deployment settings stay behind: no stage reads them
    expect(config.aws).toEqual(resolveConfig({}).aws);
  });

  it.each([
    [AWS_ENV.config, /SCORECARD_CONFIG_JSON environment variable is not set/],
    [AWS_ENV.lakeBucket, /SCORECARD_LAKE_BUCKET environment variable is not set/],
  ])('fails fast, naming %s, when the stack did not set it', (name, message) => {
    const env: Record<string, string | undefined> = { ...base, [name]: undefined };
    expect(() => configFromEnv(env)).toThrow(ConfigError);
    expect(() => configFromEnv(env)).toThrow(message);
  });

  it('knows when it runs where the stacks configured it', () => {
    expect(hasAwsEnv(base)).toBe(true);
    expect(hasAwsEnv({})).toBe(false);
  });
});

describe('lakeStoreFromEnv', () => {
  it('reads landing/ from the landing bucket and everything else from the lake', () => {
    const config = configFromEnv(base);
    const store = lakeStoreFromEnv(config, { ...base, [AWS_ENV.landingBucket]: 'acme-landing' });

    expect(store).toBeInstanceOf(PrefixRoutedStore);
    expect(store.description).toBe('s3://acme-lake, landing/ on s3://acme-landing');
  });

  it('is the lake bucket alone when drops land there', () => {
    const store = lakeStoreFromEnv(configFromEnv(base), base);
    expect(store).toBeInstanceOf(S3Store);
    expect(store.description).toBe('s3://acme-lake');
  });
});

describe('duckDbOptionsFromEnv', () => {
  it('gives DuckDB 60 % of the function’s memory and the spill folder', () => {
    expect(duckDbOptionsFromEnv({ AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '4096', [AWS_ENV.duckDbTempDirectory]: '/tmp/duckdb-spill' })).toEqual({
      memoryLimit: '2457MB',
      tempDirectory: '/tmp/duckdb-spill',
    });
  });

  it('leaves DuckDB’s defaults outside Lambda', () => {
    expect(duckDbOptionsFromEnv({})).toEqual({});
  });
});

describe('the invocation’s /tmp', () => {
  it('is emptied, and only the folder the stack names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lambda-tmp-'));
    mkdirSync(join(dir, 'duckdb-spill'));
    writeFileSync(join(dir, 'duckdb-spill', 'spill.tmp'), 'x');
    writeFileSync(join(dir, 'people.csv'), 'personal data');

    await wipeTmp({ [AWS_ENV.tmpDir]: dir });
    await wipeTmp({});

    expect(readdirSync(dir)).toEqual([]);
  });

  it('is wiped before and after a stage, which gets a scratch folder inside it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lambda-tmp-'));
    writeFileSync(join(dir, 'left-by-a-killed-invocation'), 'x');
    const env = { ...base, [AWS_ENV.tmpDir]: dir };
    let seen: string[] = [];
    let scratch = '';

    const result = await withLambdaContext(
      memoryLog(),
      async (ctx) => {
        seen = readdirSync(dir);
        scratch = ctx.scratch;
        writeFileSync(join(ctx.scratch, 'staged.parquet'), 'x');
        return ctx.config.store.bucket;
      },
      env,
    );

    expect(result).toBe('acme-lake');
    expect(seen).toEqual([scratch.slice(dir.length + 1)]);
    expect(existsSync(scratch)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});
