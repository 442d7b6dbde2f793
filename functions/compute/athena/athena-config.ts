import { AthenaClient } from '@aws-sdk/client-athena';
import { AWS_ENV } from '../../aws/env.ts';
import type { Config } from '../../config.ts';
import { AthenaEngine, type AthenaOptions } from '../../engine/athena.ts';
import { ConfigError } from '../../errors.ts';

type Env = Record<string, string | undefined>;

/**
 * The lake bucket that Athena reads `raw/` from and unloads into: compute on
 * Athena needs the lake on S3.
 *
 * @example
 * athenaLakeBucket(resolveConfig({ engine: 'athena', store: { kind: 's3', bucket: 'acme-lake' } })); // 'acme-lake'
 */
export function athenaLakeBucket(config: Config): string {
  if (config.store.kind !== 's3' || !config.store.bucket) {
    throw new ConfigError(
      'engine "athena" computes over the lake on S3, but store is a local folder',
      'set store.kind to "s3" and store.bucket to the lake bucket, or set engine back to "duckdb"',
    );
  }
  return config.store.bucket;
}

/**
 * Where an Athena compute runs: the workgroup and Glue database that the
 * stacks pass in the environment ({@link AWS_ENV}), else the names the lake
 * stack gives them (infra/constructs/analyst-catalog.ts: `<prefix>-analysts`,
 * `<prefix>_lake`), so a laptop with AWS credentials runs the same compute.
 *
 * @example
 * athenaOptions(config, {}); // { workgroup: 'scorecard-analysts', database: 'scorecard_lake' }
 */
export function athenaOptions(config: Config, env: Env = process.env): AthenaOptions {
  return {
    workgroup: env[AWS_ENV.athenaWorkgroup] || `${config.aws.prefix}-analysts`,
    database: env[AWS_ENV.glueDatabase] || `${config.aws.prefix.replace(/-/g, '_')}_lake`,
  };
}

/**
 * The Athena engine of a config, in the lake bucket's region.
 *
 * @example
 * const engine = athenaEngineFor(ctx.config);
 */
export function athenaEngineFor(config: Config, env: Env = process.env): AthenaEngine {
  const region = config.store.region ?? env.AWS_REGION ?? (config.aws.region || 'us-east-1');
  return new AthenaEngine(new AthenaClient({ region }), athenaOptions(config, env));
}
