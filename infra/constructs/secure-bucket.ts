import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type IBucket, type LifecycleRule } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

export interface SecureBucketProps {
  /** where S3 writes this bucket's server access logs; none only for the log bucket itself */
  accessLogs?: IBucket;
  /** keep every version of every object: for buckets that hold data, not scratch */
  versioned: boolean;
  lifecycleRules?: LifecycleRule[];
  /**
   * @default RemovalPolicy.RETAIN: `cdk destroy` never deletes delivered or computed data
   */
  removalPolicy?: RemovalPolicy;
  /** @default ObjectOwnership.BUCKET_OWNER_ENFORCED (no ACLs) */
  objectOwnership?: ObjectOwnership;
}

/** Days after which an older version of a versioned bucket's object is deleted. */
export const NONCURRENT_VERSION_DAYS = 30;

/**
 * An S3 bucket with the defaults every Scorecard bucket needs: no public
 * access, SSE-S3 encryption, TLS-only (a bucket policy denies plain HTTP),
 * server access logs, unfinished multipart uploads cleaned up and, when
 * versioned, old versions expired.
 *
 * @example
 * const lake = new SecureBucket(this, 'Lake', { accessLogs, versioned: true });
 */
export class SecureBucket extends Bucket {
  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id, {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: props.versioned,
      objectOwnership: props.objectOwnership ?? ObjectOwnership.BUCKET_OWNER_ENFORCED,
      ...(props.accessLogs ? { serverAccessLogsBucket: props.accessLogs, serverAccessLogsPrefix: `s3/${id}/` } : {}),
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          id: 'abort-incomplete-uploads',
          abortIncompleteMultipartUploadAfter: Duration.days(7),
          ...(props.versioned ? { noncurrentVersionExpiration: Duration.days(NONCURRENT_VERSION_DAYS) } : {}),
        },
        ...(props.lifecycleRules ?? []),
      ],
    });
  }
}
