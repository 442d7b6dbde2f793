import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { resolveConfig, type Config } from '../config.ts';
import type { StageContext } from '../context.ts';
import type { DuckDbOptions } from '../engine/duckdb.ts';
import { ConfigError } from '../errors.ts';
import type { Log } from '../log.ts';
import { PrefixRoutedStore } from '../store/routed.ts';
import { S3Store } from '../store/s3.ts';
import type { ObjectStore } from '../store/store.ts';

/**
 * The environment variables through which the CDK stacks (`infra/`) configure
 * the stage code in AWS: the Lambda handlers and the CodeBuild site build.
 * One list, so that the stacks and the handlers cannot drift apart.
 */
export const AWS_ENV = {
  /** the stage part of scorecard.config.json (everything but `aws`), as JSON */
  config: 'SCORECARD_CONFIG_JSON',
  /** the lake: raw/, quarantine/, reports/, kpi/, site/, outbox/, notify/ */
  lakeBucket: 'SCORECARD_LAKE_BUCKET',
  /** where drops are delivered: its `landing/<drop>/` keys stand in for the lake's */
  landingBucket: 'SCORECARD_LANDING_BUCKET',
  /** the bucket CloudFront serves (written by the site build only) */
  siteBucket: 'SCORECARD_SITE_BUCKET',
  /** the CloudFront distribution whose cache the site build clears after publishing */
  distributionId: 'SCORECARD_DISTRIBUTION_ID',
  /** `https://<distribution or own domain>`: replaces config.siteBaseUrl in e-mailed links */
  siteBaseUrl: 'SCORECARD_SITE_BASE_URL',
  /** for engine "athena": the workgroup and the Glue database of the lake's tables */
  athenaWorkgroup: 'SCORECARD_ATHENA_WORKGROUP',
  glueDatabase: 'SCORECARD_GLUE_DATABASE',
  /** the `sql/` folder inside the Lambda bundle (read by functions/engine/sql-files.ts) */
  sqlDir: 'SCORECARD_SQL_DIR',
  /** a folder each invocation owns whole: emptied before and after it (`/tmp` in Lambda) */
  tmpDir: 'SCORECARD_TMP_DIR',
  /** where DuckDB spills when a query outgrows memory_limit */
  duckDbTempDirectory: 'SCORECARD_DUCKDB_TEMP_DIRECTORY',
  /** an S3-compatible endpoint such as s3rver's, for local runs only; never set in AWS */
  s3Endpoint: 'SCORECARD_S3_ENDPOINT',
} as const;

type Env = Record<string, string | undefined>;

function required(env: Env, name: string): string {
  const value = env[name];
  if (!value) {
    throw new ConfigError(
      `${name} environment variable is not set`,
      'the CDK stacks set it on every function; for a local run set it by hand (see functions/aws/env.ts)',
    );
  }
  return value;
}

/**
 * The stage part of a config, as the stacks pass it in {@link AWS_ENV.config}:
 * everything but the deployment settings, which no stage reads, and the
 * local store.
 *
 * @example
 * const env = { [AWS_ENV.config]: stageConfigJson(config) };
 */
export function stageConfigJson(config: Config): string {
  // the store and the workspace are the laptop's; in AWS the lake is the bucket
  const stage: Partial<Config> = { ...config };
  delete stage.aws;
  delete stage.store;
  delete stage.workspace;
  return JSON.stringify(stage);
}

/** True where the stacks configured the process: in Lambda, in CodeBuild, or a local imitation. */
export function hasAwsEnv(env: Env = process.env): boolean {
  return Boolean(env[AWS_ENV.lakeBucket]);
}

/**
 * The config of a stage running in AWS: the deployed scorecard.config.json
 * with the store pointed at the lake bucket, mail sent with SES and links
 * made with the site's real address.
 *
 * @example
 * const config = configFromEnv(); // config.store.bucket === process.env.SCORECARD_LAKE_BUCKET
 */
export function configFromEnv(env: Env = process.env): Config {
  const text = required(env, AWS_ENV.config);
  let partial: unknown;
  try {
    partial = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${AWS_ENV.config} is not valid JSON`, 'redeploy the stacks', { cause: error });
  }
  const config = resolveConfig(partial);
  const endpoint = env[AWS_ENV.s3Endpoint];
  config.store = {
    kind: 's3',
    bucket: required(env, AWS_ENV.lakeBucket),
    ...(endpoint ? { endpoint } : {}),
    ...(env.AWS_REGION ? { region: env.AWS_REGION } : {}),
  };
  config.email = { ...config.email, transport: 'ses' };
  const siteBaseUrl = env[AWS_ENV.siteBaseUrl];
  if (siteBaseUrl) config.siteBaseUrl = siteBaseUrl;
  return config;
}

function s3Client(config: Config): S3Client {
  return new S3Client({
    region: config.store.region ?? 'us-east-1',
    ...(config.store.endpoint ? { endpoint: config.store.endpoint, forcePathStyle: true } : {}),
  });
}

/**
 * The lake of a stage running in AWS: the lake bucket, except that
 * `landing/` keys live in the landing bucket where drops are delivered, so
 * the stage code sees the same keys as on a folder.
 *
 * @example
 * const store = lakeStoreFromEnv(configFromEnv());
 * await store.list('landing/2026-11-26/'); // lists the landing bucket
 */
export function lakeStoreFromEnv(config: Config, env: Env = process.env): ObjectStore {
  const client = s3Client(config);
  const lake = new S3Store(client, config.store.bucket ?? required(env, AWS_ENV.lakeBucket));
  const landingBucket = env[AWS_ENV.landingBucket];
  if (!landingBucket || landingBucket === lake.bucket) return lake;
  return new PrefixRoutedStore(lake, [{ prefix: 'landing/', store: new S3Store(client, landingBucket) }]);
}

/**
 * DuckDB settings for a Lambda function: `memory_limit` at 60 % of the
 * function's memory (the rest is Node, the Parquet staging and the binding
 * itself) and spill files in the configured temp directory under `/tmp`.
 * Outside Lambda, and with nothing configured, DuckDB keeps its defaults.
 *
 * @example
 * duckDbOptionsFromEnv({ AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '4096' }) // { memoryLimit: '2457MB' }
 */
export function duckDbOptionsFromEnv(env: Env = process.env): DuckDbOptions {
  const options: DuckDbOptions = {};
  const memory = Number(env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE);
  if (Number.isInteger(memory) && memory > 0) options.memoryLimit = `${Math.floor(memory * 0.6)}MB`;
  const temp = env[AWS_ENV.duckDbTempDirectory];
  if (temp) options.tempDirectory = temp;
  return options;
}

/**
 * Empties the folder {@link AWS_ENV.tmpDir} names (`/tmp` in Lambda): a warm
 * container keeps `/tmp`, and what a stage leaves there is personal data
 * and fills the disk of the next invocation. Without the variable it does
 * nothing, so a local run never touches the machine's temp folder.
 */
export async function wipeTmp(env: Env = process.env): Promise<void> {
  const dir = env[AWS_ENV.tmpDir];
  if (!dir) return;
  await mkdir(dir, { recursive: true });
  for (const entry of await readdir(dir)) await rm(join(dir, entry), { recursive: true, force: true });
}

/**
 * Runs one stage invocation in AWS: `/tmp` wiped before (a previous
 * invocation may have been killed mid-way) and after, the config and the
 * lake and DuckDB's limits from the environment, a fresh scratch folder.
 *
 * @example
 * export const handler = (event: { asOf: string }) =>
 *   withLambdaContext(consoleLog('compute'), (ctx) => computeVersion(ctx, event.asOf));
 */
export async function withLambdaContext<T>(log: Log, fn: (ctx: StageContext) => Promise<T>, env: Env = process.env): Promise<T> {
  await wipeTmp(env);
  const config = configFromEnv(env);
  const scratch = await mkdtemp(join(env[AWS_ENV.tmpDir] ?? tmpdir(), 'scorecard-'));
  try {
    return await fn({ config, store: lakeStoreFromEnv(config, env), log, scratch, duckdb: duckDbOptionsFromEnv(env) });
  } finally {
    await rm(scratch, { recursive: true, force: true });
    await wipeTmp(env);
  }
}
