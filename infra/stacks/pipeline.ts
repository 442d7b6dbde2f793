import { CfnOutput, Duration, Stack, TimeZone, Validations, type StackProps } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { EventType, type IBucket } from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { ContextAttribute, Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { StepFunctionsStartExecution } from 'aws-cdk-lib/aws-scheduler-targets';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { AWS_ENV, stageConfigJson } from '../../functions/aws/env.ts';
import type { Config } from '../../functions/config.ts';
import { ConfigError } from '../../functions/errors.ts';
import { grantBucket, nagAccount } from '../constructs/bucket-access.ts';
import { importBucket, sharedBucketName } from '../constructs/shared-bucket.ts';
import { grantPrefixes, LANDING_PREFIXES, STAGE_PREFIXES } from '../constructs/prefix-access.ts';
import { DuckDbFunction } from '../constructs/duckdb-function.ts';
import { NightlyStateMachine } from '../constructs/nightly-state-machine.ts';
import { SiteBuild } from '../constructs/site-build.ts';
import type { AnalystCatalog } from '../constructs/analyst-catalog.ts';

export interface PipelineStackProps extends StackProps {
  config: Config;
  projectRoot: string;
  /** the stacks whose buckets it imports by export name (functions/… read and write them) */
  lakeStack: Stack;
  siteStack: Stack;
  catalog: AnalystCatalog;
  distributionId: string;
  distributionArn: string;
  /** `https://…`, no trailing slash */
  siteUrl: string;
  logRetention: RetentionDays;
}

/** The stage entry points the functions run (each exports `handler`). */
export const HANDLERS = {
  ingest: 'functions/ingest/handler.ts',
  compute: 'functions/compute/handler.ts',
  notify: 'functions/notify/handler.ts',
} as const;

/** The marker that completes a drop: its upload starts the ingest (see the README, "Your exports"). */
export const DROP_MARKER = { prefix: 'landing/', suffix: '/_SUCCESS' } as const;

/** Checks the schedule where CDK would only fail at deploy time. */
export function checkSchedule(config: Config): void {
  const { cron, timeZone } = config.schedule;
  if (cron.trim().split(/\s+/).length !== 6) {
    throw new ConfigError(
      `schedule.cron must have the 6 fields of an EventBridge cron expression, not "${cron}"`,
      'minutes hours day-of-month month day-of-week year, e.g. "0 2 * * ? *" for 02:00 every day',
    );
  }
  if (timeZone !== 'UTC' && !Intl.supportedValuesOf('timeZone').includes(timeZone)) {
    throw new ConfigError(`schedule.timeZone must be an IANA time zone such as Asia/Bangkok, not "${timeZone}"`);
  }
}

/** The e-mail address of `email.from` ("Name <a@b>" or "a@b"). */
export function senderAddress(from: string): string {
  return (/<([^>]+)>/.exec(from)?.[1] ?? from).trim();
}

/**
 * What runs: the ingest function on every completed drop, and the nightly
 * state machine that EventBridge Scheduler starts (compute → site build →
 * notify), with alarms to an SNS topic when anything fails.
 *
 * @example
 * new PipelineStack(app, 'scorecard-pipeline', { env, config, projectRoot, landing, lake, ... });
 */
export class PipelineStack extends Stack {
  readonly alarms: Topic;
  readonly ingest: DuckDbFunction;
  readonly compute: DuckDbFunction;
  readonly notify: DuckDbFunction;
  readonly nightly: NightlyStateMachine;
  readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: PipelineStackProps) {
    super(scope, id, props);
    const { config } = props;
    const { aws } = config;
    checkSchedule(config);
    this.addStackDependency(props.lakeStack);
    this.addStackDependency(props.siteStack);
    const landing = importBucket(this, 'Landing', sharedBucketName(aws.prefix, 'landing'));
    const lake = importBucket(this, 'Lake', sharedBucketName(aws.prefix, 'lake'));
    const siteBucket = importBucket(this, 'SiteBucket', sharedBucketName(aws.prefix, 'site'));

    const key = new Key(this, 'Key', {
      description: 'Scorecard pipeline: alarm topic and site build artifacts',
      enableKeyRotation: true,
    });
    // CloudWatch alarms publish to the encrypted topic
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    this.alarms = new Topic(this, 'Alarms', { displayName: 'Scorecard alarms', masterKey: key, enforceSSL: true });
    if (aws.alarmEmail) this.alarms.addSubscription(new EmailSubscription(aws.alarmEmail));

    const stage = {
      [AWS_ENV.config]: stageConfigJson(config),
      [AWS_ENV.lakeBucket]: lake.bucketName,
      [AWS_ENV.landingBucket]: landing.bucketName,
      [AWS_ENV.siteBaseUrl]: props.siteUrl,
      ...(config.engine === 'athena'
        ? { [AWS_ENV.athenaWorkgroup]: props.catalog.workgroupName, [AWS_ENV.glueDatabase]: props.catalog.databaseName }
        : {}),
    };
    const common = {
      projectRoot: props.projectRoot,
      architecture: aws.lambdaArchitecture,
      tmpMb: aws.tmpMb,
      logRetention: props.logRetention,
      environment: stage,
    };

    const deadLetters = this.deadLetterQueue('IngestFailures');
    this.ingest = new DuckDbFunction(this, 'Ingest', {
      ...common,
      entry: HANDLERS.ingest,
      description: 'Scorecard ingest: types, checks and stores one delivered drop',
      memoryMb: aws.memoryMb.ingest,
      deadLetterQueue: deadLetters,
      retryAttempts: 2,
    });
    grantPrefixes(this.ingest.executionRole, landing, LANDING_PREFIXES, 'one folder per delivered drop');
    grantPrefixes(this.ingest.executionRole, lake, STAGE_PREFIXES.ingest, 'one folder or report per drop');
    // on the imported bucket, so that the notification lives here and the lake stack does not depend on this one
    landing.addEventNotification(
      EventType.OBJECT_CREATED,
      new LambdaDestination(this.ingest),
      DROP_MARKER,
    );
    this.acknowledgeNotificationsHandler();
    this.alarmOn('IngestErrors', this.ingest.metricErrors({ period: Duration.minutes(5) }), 'An ingest invocation failed');
    this.alarmOn(
      'IngestDeadLetters',
      deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      'A drop could not be ingested after retries: its S3 event is in the dead-letter queue',
    );

    this.compute = new DuckDbFunction(this, 'Compute', {
      ...common,
      entry: HANDLERS.compute,
      description: 'Scorecard compute: KPI tables of one version',
      memoryMb: aws.memoryMb.compute,
    });
    grantPrefixes(this.compute.executionRole, lake, STAGE_PREFIXES.compute, 'raw/<table>/drop=<id>/ and kpi/<table>/as_of=<date>/');
    if (config.engine === 'athena') this.grantAthena(this.compute, lake, props);

    this.notify = new DuckDbFunction(this, 'Notify', {
      ...common,
      entry: HANDLERS.notify,
      description: 'Scorecard notify: e-mails the links of one version with SES',
      memoryMb: aws.memoryMb.notify,
    });
    grantPrefixes(this.notify.executionRole, lake, STAGE_PREFIXES.notify, 'one folder per version date');
    const sender = senderAddress(config.email.from);
    this.notify.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [sender, sender.slice(sender.indexOf('@') + 1)].map((identity) =>
          this.formatArn({ service: 'ses', resource: 'identity', resourceName: identity }),
        ),
      }),
    );

    const build = new SiteBuild(this, 'SiteBuild', {
      projectRoot: props.projectRoot,
      lake: lake,
      siteBucket,
      distributionId: props.distributionId,
      distributionArn: props.distributionArn,
      environment: stage,
      encryptionKey: key,
      logRetention: props.logRetention,
    });

    this.nightly = new NightlyStateMachine(this, 'Nightly', {
      compute: this.compute,
      siteBuild: build.project,
      notify: this.notify,
      alarms: this.alarms,
      logRetention: props.logRetention,
    });
    // publishing to the encrypted alarm topic (the Catch of every state)
    key.grant(this.nightly.stateMachine, 'kms:Decrypt', 'kms:GenerateDataKey');
    this.alarmOn(
      'NightTimedOut',
      this.nightly.stateMachine.metricTimedOut({ period: Duration.minutes(5) }),
      'The nightly run timed out (a timeout is not caught by the state machine)',
    );

    const scheduleDeadLetters = this.deadLetterQueue('ScheduleFailures');
    this.schedule = new Schedule(this, 'Schedule', {
      description: `Scorecard nightly run at ${config.schedule.cron} (${config.schedule.timeZone})`,
      schedule: ScheduleExpression.expression(`cron(${config.schedule.cron})`, TimeZone.of(config.schedule.timeZone)),
      target: new StepFunctionsStartExecution(this.nightly.stateMachine, {
        input: ScheduleTargetInput.fromObject({ scheduledTime: ContextAttribute.scheduledTime }),
        retryAttempts: 3,
        maxEventAge: Duration.hours(2),
        deadLetterQueue: scheduleDeadLetters,
      }),
    });
    new CfnOutput(this, 'NightlyStateMachineArn', {
      value: this.nightly.stateMachine.stateMachineArn,
      description: 'Run a night by hand: aws stepfunctions start-execution --state-machine-arn <this> --input \'{"asOf":"YYYY-MM-DD"}\'',
    });
    new CfnOutput(this, 'IngestLogGroup', { value: this.ingest.logGroup.logGroupName, description: 'aws logs tail <this> --follow' });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topicArn, description: 'Failures of ingest and of the nightly run' });
    this.alarmOn(
      'ScheduleDeadLetters',
      scheduleDeadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      'The scheduler could not start the nightly run',
    );
  }

  /** CDK's singleton function that writes the bucket notification configuration at deploy time. */
  private acknowledgeNotificationsHandler(): void {
    const handler = this.node.children.find((child) => child.node.id.startsWith('BucketNotificationsHandler'));
    if (!handler) return;
    Validations.of(handler).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: 'CDK\'s own deploy-time handler that writes the landing bucket\'s event notification; it only logs with this policy.',
    });
  }

  /** An encrypted, TLS-only queue that keeps failed events for 14 days. */
  private deadLetterQueue(id: string): Queue {
    const queue = new Queue(this, id, {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself a dead-letter queue (of the ingest function or the schedule); an alarm watches it.',
    });
    return queue;
  }

  /** An alarm on any datapoint ≥ 1 in 5 minutes, sent to the alarm topic. */
  private alarmOn(id: string, metric: IMetric, description: string): Alarm {
    const alarm = new Alarm(this, id, {
      metric,
      alarmDescription: description,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.alarms));
    return alarm;
  }

  /** For engine "athena": run queries in the analysts' workgroup over the lake's Glue tables. */
  private grantAthena(fn: DuckDbFunction, lake: IBucket, props: PipelineStackProps): void {
    const role = fn.executionRole;
    grantBucket(role, importBucket(this, 'QueryResults', sharedBucketName(props.config.aws.prefix, 'query-results')), 'read-write', 'Athena writes query results for the compute function');
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['athena:StartQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryResults', 'athena:StopQueryExecution'],
        resources: [this.formatArn({ service: 'athena', resource: 'workgroup', resourceName: props.catalog.workgroupName })],
      }),
    );
    // UNLOAD writes the family results to staging/ with multipart uploads; compute reads them back
    grantPrefixes(role, lake, STAGE_PREFIXES.computeAthena, 'UNLOAD names its files and multipart uploads per run');
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['s3:AbortMultipartUpload', 's3:ListMultipartUploadParts', 's3:GetBucketLocation', 's3:ListBucketMultipartUploads'],
        resources: [lake.bucketArn, lake.arnForObjects('staging/*')],
      }),
    );
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: [
          'glue:GetDatabase',
          'glue:GetDatabases',
          'glue:GetTable',
          'glue:GetTables',
          'glue:GetPartition',
          'glue:GetPartitions',
          'glue:BatchGetPartition',
          // each run re-creates the canonical views from sql/canonical/
          'glue:CreateTable',
          'glue:UpdateTable',
        ],
        resources: [
          this.formatArn({ service: 'glue', resource: 'catalog' }),
          this.formatArn({ service: 'glue', resource: 'database', resourceName: props.catalog.databaseName }),
          this.formatArn({ service: 'glue', resource: 'table', resourceName: `${props.catalog.databaseName}/*` }),
        ],
      }),
    );
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:glue:${this.region}:${nagAccount(this)}:table/${props.catalog.databaseName}/*]`,
      reason: 'Athena reads the metadata of every table of the lake database and compute re-creates its canonical views; limited to that database.',
    });
  }
}
