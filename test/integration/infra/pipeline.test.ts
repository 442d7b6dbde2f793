import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { AWS_ENV } from '../../../functions/aws/env.ts';
import { NIGHTLY_STATES, TRANSIENT_LAMBDA_ERRORS } from '../../../infra/constructs/nightly-state-machine.ts';
import { resourcesOf, synthScorecard, type Synthesised } from './synth.ts';

interface State {
  Type: string;
  Next?: string;
  Resource?: string;
  Retry?: { ErrorEquals: string[]; IntervalSeconds: number; MaxAttempts: number; BackoffRate: number; JitterStrategy?: string }[];
  Catch?: { ErrorEquals: string[]; Next: string; ResultPath: string }[];
  Parameters?: Record<string, unknown>;
}

/** The state machine's definition, with CloudFormation tokens replaced by `<ref>`. */
function definition(template: Template): { StartAt: string; States: Record<string, State>; TimeoutSeconds: number } {
  const [[, machine] = ['', { Properties: {} }]] = resourcesOf(template, 'AWS::StepFunctions::StateMachine');
  const join = (machine.Properties.DefinitionString as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
  return JSON.parse(join[1].map((part) => (typeof part === 'string' ? part : '<ref>')).join(join[0]));
}

/** The environment of the function whose description starts with `what`. */
function environmentOf(template: Template, what: string): Record<string, unknown> {
  const fn = resourcesOf(template, 'AWS::Lambda::Function').find(([, f]) => String(f.Properties.Description).startsWith(what));
  return (fn?.[1].Properties.Environment as { Variables: Record<string, unknown> }).Variables;
}

describe('pipeline stack', () => {
  let synth: Synthesised;
  let template: Template;
  beforeAll(() => {
    synth = synthScorecard({
      schedule: { cron: '30 1 * * ? *', timeZone: 'Asia/Bangkok' },
      email: { from: 'Sales Scorecard <scorecard@reports.example.com>' },
      aws: { alarmEmail: 'ops@example.com', lambdaArchitecture: 'arm64', memoryMb: { compute: 6144 } },
    });
    template = synth.template(synth.stacks.pipeline);
  });

  it('starts the nightly run on the configured cron and time zone, with the scheduled time as input', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(30 1 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Bangkok',
      State: 'ENABLED',
      Target: Match.objectLike({
        Arn: { Ref: Match.stringLikeRegexp('NightlyStateMachine') },
        Input: JSON.stringify({ scheduledTime: '<aws.scheduler.scheduled-time>' }),
        RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 3 }),
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('ScheduleFailures'), 'Arn'] } },
      }),
    });
  });

  it('runs compute, then the site build, then notify, and takes the date from the input or the schedule', () => {
    const { StartAt, States, TimeoutSeconds } = definition(template);
    const next = (name: string) => States[name]?.Next;
    expect(StartAt).toBe('As of which date?');
    expect(next('Scheduled date')).toBe(NIGHTLY_STATES.compute);
    expect(States['Scheduled date']?.Parameters).toEqual({
      'asOf.$': "States.ArrayGetItem(States.StringSplit($.scheduledTime, 'T'), 0)",
    });
    expect(next(NIGHTLY_STATES.compute)).toBe(NIGHTLY_STATES.build);
    expect(next(NIGHTLY_STATES.build)).toBe(NIGHTLY_STATES.notify);
    expect(States[next(NIGHTLY_STATES.notify) ?? '']?.Type).toBe('Succeed');
    expect(States[NIGHTLY_STATES.compute]?.Resource).toContain(':states:::lambda:invoke');
    expect(States[NIGHTLY_STATES.build]?.Resource).toContain(':states:::codebuild:startBuild.sync');
    expect(States[NIGHTLY_STATES.build]?.Parameters?.EnvironmentVariablesOverride).toEqual([
      { Name: 'AS_OF', Type: 'PLAINTEXT', 'Value.$': '$.asOf' },
    ]);
    expect(TimeoutSeconds).toBe(7200);
  });

  it('retries transient errors with backoff, and reports any other failure to the alarm topic', () => {
    const { States } = definition(template);
    for (const name of Object.values(NIGHTLY_STATES)) {
      const state = States[name];
      expect(state?.Retry?.[0]).toEqual(expect.objectContaining({ BackoffRate: 2, JitterStrategy: 'FULL' }));
      expect(state?.Retry?.[0]?.MaxAttempts).toBeGreaterThanOrEqual(2);
      expect(state?.Catch).toEqual([{ ErrorEquals: ['States.ALL'], Next: 'Report failure', ResultPath: '$.error' }]);
    }
    expect(States[NIGHTLY_STATES.compute]?.Retry?.[0]?.ErrorEquals).toEqual(TRANSIENT_LAMBDA_ERRORS);
    expect(States['Report failure']?.Resource).toContain(':states:::sns:publish');
    expect(States['Report failure']?.Next).toBe('Night failed');
    expect(States['Night failed']?.Type).toBe('Fail');
  });

  it('logs every state and traces the executions', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      LoggingConfiguration: Match.objectLike({ Level: 'ALL', IncludeExecutionData: true }),
      TracingConfiguration: { Enabled: true },
    });
  });

  it('ingests on the landing bucket’s _SUCCESS markers, with a dead-letter queue and alarms', () => {
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: { 'Fn::ImportValue': 'scorecard-landing-bucket' },
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          {
            Events: ['s3:ObjectCreated:*'],
            Filter: {
              Key: {
                FilterRules: [
                  { Name: 'suffix', Value: '/_SUCCESS' },
                  { Name: 'prefix', Value: 'landing/' },
                ],
              },
            },
            LambdaFunctionArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Ingest'), 'Arn'] },
          },
        ],
      },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('^Scorecard ingest'),
      DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('IngestFailures'), 'Arn'] } },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: Match.stringLikeRegexp('^Ingest') } }],
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^Alarms') }],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^Alarms') }],
    });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
  });

  it('runs the DuckDB functions on the configured CPU and memory, with /tmp settings and the stage config', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('^Scorecard compute'),
      Architectures: ['arm64'],
      MemorySize: 6144,
      Timeout: 900,
      Runtime: 'nodejs22.x',
      EphemeralStorage: { Size: 4096 },
    });
    const env = environmentOf(template, 'Scorecard compute');
    expect(env).toEqual(
      expect.objectContaining({
        HOME: '/tmp',
        [AWS_ENV.tmpDir]: '/tmp',
        [AWS_ENV.duckDbTempDirectory]: '/tmp/duckdb-spill',
        [AWS_ENV.sqlDir]: '/var/task/sql',
        [AWS_ENV.lakeBucket]: { 'Fn::ImportValue': 'scorecard-lake-bucket' },
        [AWS_ENV.landingBucket]: { 'Fn::ImportValue': 'scorecard-landing-bucket' },
      }),
    );
    const stage = JSON.parse(String(env[AWS_ENV.config])) as Record<string, unknown>;
    expect(stage.schedule).toEqual({ cron: '30 1 * * ? *', timeZone: 'Asia/Bangkok' });
    expect(stage).not.toHaveProperty('aws');
    expect(environmentOf(template, 'Scorecard notify')[AWS_ENV.siteBaseUrl]).toEqual({
      'Fn::Join': ['', ['https://', { 'Fn::ImportValue': expect.stringMatching(/^scorecard-site:ExportsOutput/) }]],
    });
  });

  it('lets notify send from the configured sender only', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['ses:SendEmail', 'ses:SendRawEmail'],
            // cdk.json's minimizePolicies sorts the resources
            Resource: [
              { 'Fn::Join': ['', Match.arrayWith([':identity/reports.example.com'])] },
              { 'Fn::Join': ['', Match.arrayWith([':identity/scorecard@reports.example.com'])] },
            ],
          }),
        ]),
      }),
    });
  });

  it('builds the site in CodeBuild with the same build script, then publishes version first, pointers last', () => {
    const [[, project] = ['', { Properties: {} }]] = resourcesOf(template, 'AWS::CodeBuild::Project');
    const spec = (project.Properties.Source as { BuildSpec: string }).BuildSpec;
    const commands = (JSON.parse(spec) as { phases: { build: { commands: string[] } } }).phases.build.commands;
    const at = (text: string) => commands.findIndex((c) => c.includes(text));
    expect(at('npx tsx functions/cli/build-site.ts --as-of "$AS_OF"')).toBeGreaterThan(0);
    expect(at('/site/v/$AS_OF/')).toBeGreaterThan(at('build-site.ts'));
    expect(at('--exclude "v/*"')).toBeGreaterThan(at('/site/v/$AS_OF/'));
    expect(at('create-invalidation')).toBe(commands.length - 1);
    expect(project.Properties.EncryptionKey).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Key/), 'Arn'] });
  });

  it('rejects a schedule EventBridge would refuse, naming the key', () => {
    expect(() => synthScorecard({ schedule: { cron: '0 2 * * *', timeZone: 'UTC' } })).toThrow(/schedule.cron must have the 6 fields/);
    expect(() => synthScorecard({ schedule: { cron: '0 2 * * ? *', timeZone: 'Mars/Olympus' } })).toThrow(/schedule.timeZone/);
  });
});

describe('pipeline stack on the Athena engine', () => {
  it('lets compute query the analysts’ workgroup and read the lake database', () => {
    const synth = synthScorecard({ engine: 'athena' });
    const template = synth.template(synth.stacks.pipeline);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: Match.arrayWith(['athena:GetQueryResults', 'athena:StartQueryExecution']),
            Resource: { 'Fn::Join': ['', Match.arrayWith([':workgroup/scorecard-analysts'])] },
          }),
        ]),
      }),
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({ Action: Match.arrayWith(['s3:AbortMultipartUpload', 's3:ListBucketMultipartUploads']) }),
          Match.objectLike({ Action: Match.arrayWith(['glue:CreateTable', 'glue:UpdateTable']) }),
        ]),
      }),
    });
    const env = environmentOf(template, 'Scorecard compute');
    expect(env[AWS_ENV.athenaWorkgroup]).toBe('scorecard-analysts');
    expect(env[AWS_ENV.glueDatabase]).toBe('scorecard_lake');
  });
});
