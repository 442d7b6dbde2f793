import { Stack, Token, Validations } from 'aws-cdk-lib';
import { PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';

/** Object access a stage needs: no bucket-level rights beyond listing. */
export type BucketAccess = 'read' | 'read-write';

/** How cdk-nag prints the account of a stack's ARNs: the pseudo parameter, or the configured account. */
export function nagAccount(stack: Stack): string {
  return Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
}

/**
 * How cdk-nag prints a bucket's ARN in a finding: `<Logical.Arn>` in the
 * bucket's own stack, the export name for one shared by exportBucket.
 */
export function nagArn(role: IRole, bucket: IBucket): string {
  const arn: unknown = Stack.of(role).resolve(bucket.bucketArn);
  if (typeof arn === 'object' && arn !== null) {
    const imported = (arn as Record<string, unknown>)['Fn::ImportValue'];
    if (typeof imported === 'string') return imported;
    const attribute = (arn as Record<string, unknown>)['Fn::GetAtt'];
    if (Array.isArray(attribute) && typeof attribute[0] === 'string') return `<${attribute[0]}.Arn>`;
  }
  throw new Error(`cannot name the ARN of bucket ${bucket.node.path} for cdk-nag: ${JSON.stringify(arn)}`);
}

/**
 * Grants a role exactly the S3 actions the store uses (functions/store/s3.ts:
 * get, put, list, delete), instead of the wildcard action sets of
 * `grantReadWrite`, and acknowledges the one finding that remains: objects
 * are named at run time, so the resource is `<bucket>/*`.
 *
 * @example
 * grantBucket(compute.executionRole, lake, 'read-write', 'compute reads raw/ and replaces kpi/<table>/as_of=<date>/');
 */
export function grantBucket(role: IRole, bucket: IBucket, access: BucketAccess, why: string): void {
  role.addToPrincipalPolicy(
    new PolicyStatement({
      actions: access === 'read' ? ['s3:GetObject'] : ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      resources: [bucket.arnForObjects('*')],
    }),
  );
  role.addToPrincipalPolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
  Validations.of(role).acknowledge({
    id: `AwsSolutions-IAM5[Resource::${nagArn(role, bucket)}/*]`,
    reason: `Object keys are made at run time (${why}); the grant is limited to the named actions on this bucket.`,
  });
}
