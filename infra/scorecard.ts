import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Validations, type App } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { Config } from '../functions/config.ts';
import { deployEnv } from './deploy-env.ts';
import { LakeStack } from './stacks/lake.ts';
import { checkSchedule, PipelineStack } from './stacks/pipeline.ts';
import { SiteStack } from './stacks/site.ts';

/** The repository root: entry points, sql/ and the site build's sources are found from here. */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface ScorecardOptions {
  /** @default the environment of the CDK CLI (`CDK_DEFAULT_ACCOUNT`, `CDK_DEFAULT_REGION`) */
  env?: Record<string, string | undefined>;
  /** @default REPO_ROOT */
  projectRoot?: string;
  /** @default `<projectRoot>/sql/analyst` */
  analystSqlDir?: string;
  /** run cdk-nag's AwsSolutions rules on every synth; @default true */
  nag?: boolean;
}

export interface ScorecardStacks {
  lake: LakeStack;
  site: SiteStack;
  pipeline: PipelineStack;
}

/**
 * Adds the Scorecard stacks to `app`, all configured from one
 * scorecard.config.json: `<prefix>-lake` (buckets, Glue, Athena),
 * `<prefix>-site` (CloudFront, Cognito; its sign-in function goes to
 * `<prefix>-site-edge` in us-east-1) and `<prefix>-pipeline` (ingest,
 * nightly state machine, schedule, alarms). cdk-nag's AwsSolutions pack runs
 * as a validation plugin, so a synth fails on any unacknowledged finding.
 *
 * @example
 * const app = new App();
 * buildScorecard(app, await loadConfig());
 */
export function buildScorecard(app: App, config: Config, options: ScorecardOptions = {}): ScorecardStacks {
  // before any stack bundles code: a config mistake should fail in a second
  checkSchedule(config);
  const env = deployEnv(config, options.env ?? process.env);
  const projectRoot = options.projectRoot ?? REPO_ROOT;
  const prefix = config.aws.prefix;
  const logRetention = config.aws.logRetentionDays as RetentionDays;
  const tags = { application: 'scorecard', 'scorecard:prefix': prefix };

  const lake = new LakeStack(app, `${prefix}-lake`, {
    env,
    tags,
    config,
    analystSqlDir: options.analystSqlDir ?? join(projectRoot, 'sql', 'analyst'),
    description: 'Scorecard lake: landing, lake, query-result and access-log buckets; Glue tables; Athena workgroup',
  });
  const site = new SiteStack(app, `${prefix}-site`, {
    env,
    tags,
    config,
    projectRoot,
    accessLogs: lake.accessLogs,
    description: 'Scorecard site: private S3 bucket behind CloudFront with Cognito sign-in',
  });
  const pipeline = new PipelineStack(app, `${prefix}-pipeline`, {
    env,
    tags,
    config,
    projectRoot,
    lakeStack: lake,
    siteStack: site,
    catalog: lake.catalog,
    distributionId: site.distribution.distributionId,
    distributionArn: site.distribution.distributionArn,
    siteUrl: site.siteUrl,
    logRetention,
    description: 'Scorecard pipeline: ingest on delivery, nightly compute → site build → e-mail, alarms',
  });
  if (options.nag ?? true) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { lake, site, pipeline };
}
