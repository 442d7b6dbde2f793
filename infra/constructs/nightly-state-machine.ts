import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { IProject } from 'aws-cdk-lib/aws-codebuild';
import type { CfnFunction, IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import {
  Choice,
  Condition,
  DefinitionBody,
  Errors,
  Fail,
  IntegrationPattern,
  JitterType,
  JsonPath,
  LogLevel,
  Pass,
  StateMachine,
  Succeed,
  TaskInput,
  type TaskStateBase,
} from 'aws-cdk-lib/aws-stepfunctions';
import { CodeBuildStartBuild, LambdaInvoke, SnsPublish } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { BuildEnvironmentVariableType } from 'aws-cdk-lib/aws-codebuild';
import { Construct } from 'constructs';
import { AS_OF_VARIABLE } from './site-build.ts';

export interface NightlyStateMachineProps {
  compute: IFunction;
  siteBuild: IProject;
  notify: IFunction;
  /** where a failed night is reported */
  alarms: ITopic;
  logRetention: RetentionDays;
  /** @default 2 hours */
  timeout?: Duration;
}

/**
 * Errors worth another try: Lambda's own service errors, and the names the
 * stage code's AWS SDK calls fail with when S3 or SES are briefly busy.
 * Anything else (a bad drop, a KPI query error) fails the night at once.
 */
export const TRANSIENT_LAMBDA_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'Lambda.ClientExecutionTimeoutException',
  'SlowDown',
  'InternalError',
  'ServiceUnavailable',
  'RequestTimeout',
  'TimeoutError',
  'ThrottlingException',
  'TooManyRequestsException',
];

/** CodeBuild's service errors, and a failed build (most often `npm ci` meeting a busy registry). */
export const TRANSIENT_BUILD_ERRORS = ['CodeBuild.CodeBuildException', 'CodeBuild.AccountLimitExceededException', Errors.TASKS_FAILED];

/** The states of a night, in order; tests and the README name them. */
export const NIGHTLY_STATES = { compute: 'Compute KPI tables', build: 'Build and publish site', notify: 'E-mail links' } as const;

/**
 * One night of the pipeline in AWS: compute the KPI tables (Lambda with
 * DuckDB) → build the site version and publish it (CodeBuild) → e-mail the
 * links (Lambda, SES). The date comes from the input `{ "asOf": … }` or, for
 * a scheduled run, from EventBridge Scheduler's `scheduledTime` (its UTC
 * date, like `scorecard nightly`'s default). Each state retries transient
 * errors with exponential backoff and jitter; any other failure is
 * published to the alarm topic and fails the execution. The site changes
 * only in the build state's last steps, so a failed night leaves the
 * previous version published; every state replaces what it writes, so a
 * re-run of the same night is safe.
 *
 * @example
 * const nightly = new NightlyStateMachine(this, 'Nightly', { compute, siteBuild: build.project, notify, alarms, logRetention });
 */
export class NightlyStateMachine extends Construct {
  readonly stateMachine: StateMachine;

  constructor(scope: Construct, id: string, props: NightlyStateMachineProps) {
    super(scope, id);

    const failed = new SnsPublish(this, 'Report failure', {
      topic: props.alarms,
      subject: JsonPath.format('Scorecard: the night of {} failed', JsonPath.stringAt('$.asOf')),
      message: TaskInput.fromText(
        JsonPath.format(
          'The nightly run {} for {} failed: {}\n\n{}\n\nThe previous version of the site is still published. Fix the cause, then start the state machine again with the input asOf = {}.',
          JsonPath.executionId,
          JsonPath.stringAt('$.asOf'),
          JsonPath.stringAt('$.error.Error'),
          JsonPath.stringAt('$.error.Cause'),
          JsonPath.stringAt('$.asOf'),
        ),
      ),
      resultPath: JsonPath.DISCARD,
    }).next(new Fail(this, 'Night failed', { error: 'NightFailed', cause: 'a stage failed; the alarm topic has the details' }));

    const lambdaStep = (name: string, fn: IFunction): LambdaInvoke =>
      new LambdaInvoke(this, name, {
        lambdaFunction: fn,
        payload: TaskInput.fromObject({ asOf: JsonPath.stringAt('$.asOf') }),
        // our own Retry below replaces the task's default one
        retryOnServiceExceptions: false,
        resultSelector: { 'result.$': '$.Payload' },
        resultPath: `$.${name === NIGHTLY_STATES.compute ? 'compute' : 'notify'}`,
      });
    const guard = <T extends TaskStateBase>(task: T, errors: string[], maxAttempts: number, interval: Duration): T => {
      task.addRetry({ errors, interval, maxAttempts, backoffRate: 2, maxDelay: Duration.minutes(5), jitterStrategy: JitterType.FULL });
      // another execution (or a CLI run) holds the workspace lease: wait for it, long enough for a crashed one's lease to lapse
      if (task instanceof LambdaInvoke) {
        task.addRetry({ errors: ['LeaseBusyError'], interval: Duration.minutes(1), maxAttempts: 8, backoffRate: 1.5, maxDelay: Duration.minutes(5) });
      }
      task.addCatch(failed, { errors: [Errors.ALL], resultPath: '$.error' });
      return task;
    };

    const compute = guard(lambdaStep(NIGHTLY_STATES.compute, props.compute), TRANSIENT_LAMBDA_ERRORS, 4, Duration.seconds(10));
    const build = guard(
      new CodeBuildStartBuild(this, NIGHTLY_STATES.build, {
        project: props.siteBuild,
        integrationPattern: IntegrationPattern.RUN_JOB,
        environmentVariablesOverride: {
          [AS_OF_VARIABLE]: { type: BuildEnvironmentVariableType.PLAINTEXT, value: JsonPath.stringAt('$.asOf') },
        },
        resultSelector: { 'buildId.$': '$.Build.Id', 'status.$': '$.Build.BuildStatus' },
        resultPath: '$.build',
      }),
      TRANSIENT_BUILD_ERRORS,
      2,
      Duration.minutes(1),
    );
    const notify = guard(lambdaStep(NIGHTLY_STATES.notify, props.notify), TRANSIENT_LAMBDA_ERRORS, 4, Duration.seconds(10));
    compute.next(build).next(notify).next(new Succeed(this, 'Published'));

    // the UTC date of a timestamp such as 2026-11-26T02:00:00Z
    const dateOf = (path: string) => JsonPath.arrayGetItem(JsonPath.stringSplit(JsonPath.stringAt(path), 'T'), 0);
    const start = new Choice(this, 'As of which date?')
      .when(Condition.isPresent('$.asOf'), compute)
      .when(
        Condition.isPresent('$.scheduledTime'),
        new Pass(this, 'Scheduled date', { parameters: { asOf: dateOf('$.scheduledTime') } }).next(compute),
      )
      .otherwise(new Pass(this, 'Start date', { parameters: { asOf: dateOf('$$.Execution.StartTime') } }).next(compute));

    const logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention, removalPolicy: RemovalPolicy.DESTROY });
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      comment: 'Scorecard nightly run: compute → build site → notify',
      definitionBody: DefinitionBody.fromChainable(start),
      timeout: props.timeout ?? Duration.hours(2),
      tracingEnabled: true,
      logs: { destination: logGroup, level: LogLevel.ALL, includeExecutionData: true },
    });
    const stack = Stack.of(this);
    const versions = (fn: IFunction) => `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(fn.node.defaultChild as CfnFunction)}.Arn>:*]`;
    Validations.of(this.stateMachine.role).acknowledge(
      { id: versions(props.compute), reason: 'Step Functions may invoke any version of the compute function (its qualified ARNs).' },
      { id: versions(props.notify), reason: 'Step Functions may invoke any version of the notify function (its qualified ARNs).' },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'X-Ray tracing and CloudWatch Logs delivery, which the state machine needs for its logs and traces, take no resource-level permissions.',
      },
    );
  }
}
