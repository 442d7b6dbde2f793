import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Asset } from 'aws-cdk-lib/aws-s3-assets';
import {
  BuildEnvironmentVariableType,
  BuildSpec,
  ComputeType,
  LinuxBuildImage,
  Project,
  Source,
  type CfnProject,
} from 'aws-cdk-lib/aws-codebuild';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { AWS_ENV } from '../../functions/aws/env.ts';
import { EDGE_ACCESS_PREFIX } from '../../functions/access/keys.ts';
import { grantBucket, nagAccount } from './bucket-access.ts';
import { grantPrefixes, STAGE_PREFIXES } from './prefix-access.ts';

export interface SiteBuildProps {
  projectRoot: string;
  lake: IBucket;
  siteBucket: IBucket;
  distributionId: string;
  distributionArn: string;
  /** the stage settings (functions/aws/env.ts) */
  environment: Record<string, string>;
  encryptionKey: IKey;
  logRetention: RetentionDays;
}

/** The build's input: what `npm ci` and the site build need, not tests, infra or local data. */
export const SOURCE_EXCLUDES = [
  '.git',
  'node_modules',
  'cdk.out',
  '.scorecard',
  'test',
  'infra',
  '.ci',
  'site/dist',
  'site/.astro',
  'site/node_modules',
  '*.log',
];

/** The variable the state machine sets per run: the version to build. */
export const AS_OF_VARIABLE = 'AS_OF';

/**
 * The build steps: build version $AS_OF from the lake (the same
 * functions/cli/build-site.ts as on a laptop), copy the version to the
 * site bucket, then the pages that point at the newest version, then make
 * CloudFront forget its cached copies. A failure before the last two steps
 * leaves the previous version published as it was.
 */
export function siteBuildSpec(): Record<string, unknown> {
  const lake = `s3://$${AWS_ENV.lakeBucket}`;
  const site = `s3://$${AWS_ENV.siteBucket}`;
  return {
    version: '0.2',
    env: { shell: 'bash' },
    phases: {
      install: {
        'runtime-versions': { nodejs: '22' },
        commands: ['npm ci --omit=dev --no-audit --no-fund'],
      },
      build: {
        commands: [
          `[[ "$${AS_OF_VARIABLE}" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || { echo "AS_OF must be YYYY-MM-DD, not '$${AS_OF_VARIABLE}'"; exit 1; }`,
          `npx tsx functions/cli/build-site.ts --as-of "$${AS_OF_VARIABLE}"`,
          // the version first (a new prefix nobody links to yet), then who may open it, then the pages that link to it
          `aws s3 sync "${lake}/site/v/$${AS_OF_VARIABLE}/" "${site}/v/$${AS_OF_VARIABLE}/" --delete --only-show-errors`,
          `aws s3 sync "${lake}/access/" "${site}/${EDGE_ACCESS_PREFIX}" --only-show-errors`,
          `aws s3 sync "${lake}/site/" "${site}/" --exclude "v/*" --only-show-errors`,
          `aws cloudfront create-invalidation --distribution-id "$${AWS_ENV.distributionId}" --paths "/*" --query Invalidation.Id --output text`,
        ],
      },
    },
  };
}

/**
 * The nightly site build in CodeBuild: a snapshot of the repository (an S3
 * asset made at deploy time) is installed and runs the Astro build that
 * `scorecard publish` runs locally, then syncs the version to the site
 * bucket behind CloudFront.
 *
 * @example
 * const build = new SiteBuild(this, 'SiteBuild', { projectRoot, lake, siteBucket, distributionId, distributionArn, environment, encryptionKey, logRetention });
 * // in Step Functions: new CodeBuildStartBuild(this, 'Build', { project: build.project, ... })
 */
export class SiteBuild extends Construct {
  readonly project: Project;

  constructor(scope: Construct, id: string, props: SiteBuildProps) {
    super(scope, id);
    const source = new Asset(this, 'Source', { path: props.projectRoot, exclude: SOURCE_EXCLUDES });
    const logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention, removalPolicy: RemovalPolicy.DESTROY });
    const variables = {
      ...props.environment,
      [AWS_ENV.siteBucket]: props.siteBucket.bucketName,
      [AWS_ENV.distributionId]: props.distributionId,
      [AS_OF_VARIABLE]: '',
    };
    this.project = new Project(this, 'Project', {
      description: 'Scorecard: builds one version of the report site and publishes it',
      source: Source.s3({ bucket: source.bucket, path: source.s3ObjectKey }),
      environment: {
        buildImage: LinuxBuildImage.STANDARD_7_0,
        computeType: ComputeType.MEDIUM,
        environmentVariables: Object.fromEntries(
          Object.entries(variables).map(([name, value]) => [name, { type: BuildEnvironmentVariableType.PLAINTEXT, value }]),
        ),
      },
      buildSpec: BuildSpec.fromObject(siteBuildSpec()),
      timeout: Duration.minutes(30),
      encryptionKey: props.encryptionKey,
      logging: { cloudWatch: { logGroup } },
    });
    const role = this.project.role;
    if (!role) throw new Error('the site build project has no role');
    grantPrefixes(role, props.lake, STAGE_PREFIXES.siteBuild, 'kpi/<table>/as_of=<date>/, site/v/<date>/, access/v/<date>.json');
    grantBucket(role, props.siteBucket, 'read-write', 's3 sync copies and deletes the files of a version');
    role.addToPrincipalPolicy(new PolicyStatement({ actions: ['cloudfront:CreateInvalidation'], resources: [props.distributionArn] }));
    const project = `<${Stack.of(this).getLogicalId(this.project.node.defaultChild as CfnProject)}>`;
    const partition = 'arn:<AWS::Partition>';
    const where = `${Stack.of(this).region}:${nagAccount(Stack.of(this))}`;
    const sourceReason = "CodeBuild's S3 source grants read on this deployment's source object only (the resource is that one key).";
    Validations.of(role).acknowledge(
      { id: 'AwsSolutions-IAM5[Action::s3:GetObject*]', reason: sourceReason },
      { id: 'AwsSolutions-IAM5[Action::s3:GetBucket*]', reason: sourceReason },
      { id: 'AwsSolutions-IAM5[Action::s3:List*]', reason: sourceReason },
      {
        id: `AwsSolutions-IAM5[Resource::${partition}:logs:${where}:log-group:/aws/codebuild/${project}:*]`,
        reason: "CodeBuild's default log group of this project; its streams are named per build.",
      },
      {
        id: `AwsSolutions-IAM5[Resource::${partition}:codebuild:${where}:report-group/${project}-*]`,
        reason: "CodeBuild's test-report groups of this project, named per report (the build writes none).",
      },
      {
        id: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
        reason: 'CodeBuild encrypts build artifacts and logs with the pipeline key; the grant is on that key only.',
      },
      {
        id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
        reason: 'CodeBuild encrypts build artifacts and logs with the pipeline key; the grant is on that key only.',
      },
    );
  }
}
