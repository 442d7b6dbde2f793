import { CfnOutput, Fn, Stack } from 'aws-cdk-lib';
import { Bucket, type IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

/**
 * Shares a bucket with the stacks that run on it under fixed export names
 * (`<name>-arn`, `<name>-bucket`): the coupling between the stacks is
 * explicit, survives refactoring of construct ids, and the ARN reads the
 * same in every policy (and in cdk-nag's findings).
 *
 * @example
 * exportBucket(lake, 'scorecard-lake-bucket'); // in the lake stack
 * const lake = importBucket(this, 'Lake', 'scorecard-lake-bucket'); // in the pipeline stack
 */
export function exportBucket(bucket: IBucket, name: string): string {
  const stack = Stack.of(bucket);
  new CfnOutput(stack, `${bucket.node.id}BucketName`, { value: bucket.bucketName, exportName: `${name}-bucket` });
  new CfnOutput(stack, `${bucket.node.id}BucketArn`, { value: bucket.bucketArn, exportName: `${name}-arn` });
  return name;
}

/** A bucket another stack exported with {@link exportBucket}; the caller adds the stack dependency. */
export function importBucket(scope: Construct, id: string, name: string): IBucket {
  return Bucket.fromBucketAttributes(scope, id, {
    bucketArn: Fn.importValue(`${name}-arn`),
    bucketName: Fn.importValue(`${name}-bucket`),
  });
}

/** The buckets the pipeline runs on, shared by the lake and site stacks. */
export type SharedBucket = 'landing' | 'lake' | 'query-results' | 'site';

/** The export name of a shared bucket: `<prefix>-<bucket>` (+ `-bucket` / `-arn`). */
export const sharedBucketName = (prefix: string, bucket: SharedBucket): string => `${prefix}-${bucket}`;
