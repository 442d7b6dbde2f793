import { join } from 'node:path';
import { Duration, RemovalPolicy, Size, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { AWS_ENV } from '../../functions/aws/env.ts';
import type { LambdaArch } from '../bundling/add-duckdb.ts';

export interface DuckDbFunctionProps {
  /** the repository root: the lockfile, node_modules and sql/ are found there */
  projectRoot: string;
  /** the handler file relative to the root, e.g. `functions/compute/handler.ts` (export `handler`) */
  entry: string;
  description: string;
  architecture: LambdaArch;
  memoryMb: number;
  /** size of `/tmp`: the staged lake plus DuckDB's spill files */
  tmpMb: number;
  /** @default 15 minutes, Lambda's maximum */
  timeout?: Duration;
  logRetention: RetentionDays;
  /** the stage's settings (see functions/aws/env.ts); the `/tmp` and DuckDB ones are added here */
  environment: Record<string, string>;
  /** for asynchronous invocations (S3 events): where failed events go */
  deadLetterQueue?: IQueue;
  /** @default Lambda's default of 2 for asynchronous invocations */
  retryAttempts?: number;
}

/** The Lambda runtime: the newest Node.js the stage code is tested on (Node 20 and 22). */
export const LAMBDA_RUNTIME = Runtime.NODEJS_22_X;

/** cdk-nag wants the newest runtime; the functions stay on the newest one the code is tested on. */
export function acknowledgeRuntime(fn: Construct): void {
  Validations.of(fn).acknowledge({
    id: 'AwsSolutions-L1',
    reason: `Pinned to ${LAMBDA_RUNTIME.name}, the newest Node.js the stage code is tested on (Node 20 and 22); raise it with the tests.`,
  });
}

/** Where the bundle puts sql/ (the Lambda code is unpacked to /var/task). */
export const BUNDLED_SQL_DIR = '/var/task/sql';

/** The `/tmp` layout of a DuckDB function: all of it is the invocation's, wiped before and after. */
export const LAMBDA_TMP = { dir: '/tmp', duckDbSpill: '/tmp/duckdb-spill' } as const;

/**
 * A Lambda function running a stage with DuckDB in-process. esbuild bundles
 * the stage code locally (no Docker) as ESM; `@duckdb/node-api` stays
 * outside the bundle and is copied in with the native binding for the
 * function's CPU and the sql/ folder (infra/bundling/add-duckdb.ts).
 * `HOME`, temp and spill folders point into `/tmp` (the only writable
 * place), which the handler wipes around every invocation
 * (functions/aws/env.ts `withLambdaContext`), and DuckDB's memory_limit
 * follows the function's memory. Logs go to the function's own log group
 * with a retention; the role may write there and nothing else until the
 * stack grants more.
 *
 * @example
 * const compute = new DuckDbFunction(this, 'Compute', {
 *   projectRoot, entry: 'functions/compute/handler.ts', description: 'KPI tables',
 *   architecture: 'arm64', memoryMb: 4096, tmpMb: 4096, logRetention: RetentionDays.THREE_MONTHS,
 *   environment: { SCORECARD_LAKE_BUCKET: lake.bucketName },
 * });
 * grantBucket(compute.executionRole, lake, 'read-write', 'compute writes kpi/');
 */
export class DuckDbFunction extends NodejsFunction {
  /** the function's own role: grant it what the stage reads and writes */
  readonly executionRole: Role;

  constructor(scope: Construct, id: string, props: DuckDbFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `${props.description}: runs the function, writes its log group`,
    });
    const arch = props.architecture;
    super(scope, id, {
      entry: join(props.projectRoot, props.entry),
      projectRoot: props.projectRoot,
      depsLockFilePath: join(props.projectRoot, 'package-lock.json'),
      handler: 'handler',
      description: props.description,
      runtime: LAMBDA_RUNTIME,
      architecture: arch === 'arm64' ? Architecture.ARM_64 : Architecture.X86_64,
      memorySize: props.memoryMb,
      ephemeralStorageSize: Size.mebibytes(props.tmpMb),
      timeout: props.timeout ?? Duration.minutes(15),
      role,
      logGroup,
      deadLetterQueue: props.deadLetterQueue,
      retryAttempts: props.retryAttempts,
      environment: {
        ...props.environment,
        // DuckDB puts its home and extension folders under $HOME; /var/task is read-only
        HOME: LAMBDA_TMP.dir,
        [AWS_ENV.tmpDir]: LAMBDA_TMP.dir,
        [AWS_ENV.duckDbTempDirectory]: LAMBDA_TMP.duckDbSpill,
        [AWS_ENV.sqlDir]: BUNDLED_SQL_DIR,
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: 'node22',
        mainFields: ['module', 'main'],
        // bundled CommonJS dependencies still call require()
        banner: "import { createRequire as __scorecardRequire } from 'node:module'; const require = __scorecardRequire(import.meta.url);",
        sourceMap: true,
        minify: true,
        // errors reach Step Functions by name (Retry/Catch match on them)
        keepNames: true,
        // the SDK is bundled too, so the versions that run are the tested ones
        externalModules: ['@duckdb/node-api', '@duckdb/node-bindings', '@duckdb/node-bindings-*'],
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir, outputDir) => [
            `npx tsx "${join(inputDir, 'infra', 'bundling', 'add-duckdb.ts')}" "${inputDir}" "${outputDir}" ${arch}`,
          ],
        },
      },
    });
    this.executionRole = role;
    logGroup.grantWrite(role);
    acknowledgeRuntime(this);
  }
}
