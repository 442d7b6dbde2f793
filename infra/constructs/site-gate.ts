import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AssetHashType, Aws, DockerImage, Duration, Validations } from 'aws-cdk-lib';
import { experimental } from 'aws-cdk-lib/aws-cloudfront';
import { PolicyStatement, type CfnRole } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code } from 'aws-cdk-lib/aws-lambda';
import { buildSync } from 'esbuild';
import { Construct } from 'constructs';
import { acknowledgeRuntime, LAMBDA_RUNTIME } from './duckdb-function.ts';

export interface SiteGateProps {
  projectRoot: string;
  /** names the edge stack `<prefix>-site-edge` when the site is not in us-east-1 */
  prefix: string;
  /** the SSM parameter (in `parameterRegion`) the site stack writes the user pool's settings to */
  parameterName: string;
  parameterRegion: string;
}

/** The values baked into the edge bundle, since Lambda@Edge takes no environment variables. */
function edgeDefines(props: SiteGateProps): Record<string, string> {
  return {
    'process.env.SCORECARD_EDGE_PARAMETER': JSON.stringify(props.parameterName),
    'process.env.SCORECARD_EDGE_PARAMETER_REGION': JSON.stringify(props.parameterRegion),
  };
}

/** The source files of the edge bundle, relative to the project (esbuild's own list, without writing anything). */
export function edgeInputs(projectRoot: string): string[] {
  const result = buildSync({
    entryPoints: [join(projectRoot, 'infra', 'edge', 'viewer-request.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    metafile: true,
    external: ['@aws-sdk/*'],
    absWorkingDir: projectRoot,
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs).sort();
}

/**
 * The edge function's code: infra/edge bundled locally with esbuild into
 * one CommonJS file (Lambda@Edge's runtime SDK is found through require()).
 * The asset hash covers the sources and the baked-in values, so a changed
 * parameter name is a new version.
 */
export function edgeCode(props: SiteGateProps): Code {
  const source = join(props.projectRoot, 'infra', 'edge');
  const define = edgeDefines(props);
  const hash = createHash('sha256').update(JSON.stringify(define));
  // every file the bundle takes in: infra/edge and what it imports (the access rule of functions/access)
  for (const file of edgeInputs(props.projectRoot)) hash.update(file).update(readFileSync(join(props.projectRoot, file)));
  return Code.fromAsset(source, {
    assetHashType: AssetHashType.CUSTOM,
    assetHash: hash.digest('hex'),
    bundling: {
      // used only if local bundling is impossible; esbuild is a dev dependency, so it never is
      image: DockerImage.fromRegistry('public.ecr.aws/sam/build-nodejs22.x'),
      local: {
        tryBundle(outputDir: string): boolean {
          buildSync({
            entryPoints: [join(source, 'viewer-request.ts')],
            outfile: join(outputDir, 'index.js'),
            bundle: true,
            platform: 'node',
            target: 'node22',
            format: 'cjs',
            minify: true,
            define,
            external: ['@aws-sdk/*'],
            logLevel: 'warning',
          });
          return true;
        },
      },
    },
  });
}

/**
 * The site's gate: a Lambda@Edge function on every viewer request that
 * lets signed-in viewers through and sends everyone else to the Cognito
 * hosted UI (infra/edge/viewer-request.ts). Lambda@Edge lives in us-east-1:
 * from another region CDK puts it in its own stack there.
 *
 * @example
 * const gate = new SiteGate(this, 'Gate', { projectRoot, prefix, parameterName: '/scorecard/site/auth', parameterRegion: 'eu-west-1' });
 * // behaviour: edgeLambdas: [{ functionVersion: gate.fn.currentVersion, eventType: LambdaEdgeEventType.VIEWER_REQUEST }]
 */
export class SiteGate extends Construct {
  readonly fn: experimental.EdgeFunction;
  /**
   * The function's role, named so that the site stack can let it read the
   * access lists of the site bucket: the function lives in us-east-1, the
   * bucket maybe elsewhere, and a name crosses regions where a reference cannot.
   */
  readonly roleName: string;

  constructor(scope: Construct, id: string, props: SiteGateProps) {
    super(scope, id);
    this.fn = new experimental.EdgeFunction(this, 'Function', {
      code: edgeCode(props),
      handler: 'index.handler',
      runtime: LAMBDA_RUNTIME,
      // Lambda@Edge runs x86_64 only
      architecture: Architecture.X86_64,
      memorySize: 128,
      timeout: Duration.seconds(5),
      description: 'Scorecard site: sign-in check on every viewer request',
      stackId: `${props.prefix}-site-edge`,
    });
    this.fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['ssm:GetParameter'],
        resources: [`arn:${Aws.PARTITION}:ssm:${props.parameterRegion}:${Aws.ACCOUNT_ID}:parameter${props.parameterName}`],
      }),
    );
    this.roleName = `${props.prefix}-site-gate`;
    const role = this.fn.lambda.role?.node.defaultChild as CfnRole | undefined;
    if (!role) throw new Error('the edge function has no role of its own');
    role.roleName = this.roleName;
    acknowledgeRuntime(this.fn.lambda);
    Validations.of(this.fn.lambda).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        'Lambda@Edge writes its logs to a log group in each region where it runs, created on first use; the basic execution policy is the documented way to allow that.',
    });
  }
}
