import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { ObjectOwnership, StorageClass, type IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { Config } from '../../functions/config.ts';
import { AnalystCatalog } from '../constructs/analyst-catalog.ts';
import { SecureBucket } from '../constructs/secure-bucket.ts';
import { exportBucket, sharedBucketName } from '../constructs/shared-bucket.ts';

export interface LakeStackProps extends StackProps {
  config: Config;
  /** the `.sql` files that become Athena named queries */
  analystSqlDir: string;
}

/** Days after delivery when a drop's originals move to Glacier Instant Retrieval (still readable at once). */
export const LANDING_ARCHIVE_DAYS = 30;

/**
 * Where the data lives: the landing bucket exporters deliver drops to, the
 * lake (raw, quarantine, reports, kpi, the built site), Athena's query
 * results, the access logs of all of them, and the catalog analysts query
 * with Athena.
 *
 * @example
 * const lake = new LakeStack(app, 'scorecard-lake', { config, analystSqlDir: 'sql/analyst' });
 */
export class LakeStack extends Stack {
  readonly accessLogs: IBucket;
  readonly landing: IBucket;
  readonly lake: IBucket;
  readonly queryResults: IBucket;
  readonly catalog: AnalystCatalog;

  constructor(scope: Construct, id: string, props: LakeStackProps) {
    super(scope, id, props);
    const { aws } = props.config;

    const accessLogs = new SecureBucket(this, 'AccessLogs', {
      versioned: false,
      // CloudFront's standard logs are delivered with an ACL grant to the bucket owner
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ id: 'expire-logs', expiration: Duration.days(aws.logRetentionDays) }],
    });
    this.accessLogs = accessLogs;

    this.landing = new SecureBucket(this, 'Landing', {
      accessLogs,
      versioned: true,
      lifecycleRules: [
        {
          id: 'archive-then-expire-drops',
          transitions: [{ storageClass: StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(LANDING_ARCHIVE_DAYS) }],
          expiration: Duration.days(Math.max(aws.landingRetentionDays, LANDING_ARCHIVE_DAYS + 1)),
        },
      ],
    });

    this.lake = new SecureBucket(this, 'Lake', {
      accessLogs,
      versioned: true,
      // compute on Athena unloads each family to staging/ for one run only
      lifecycleRules: [{ id: 'expire-staging', prefix: 'staging/', expiration: Duration.days(1), noncurrentVersionExpiration: Duration.days(1) }],
    });

    this.queryResults = new SecureBucket(this, 'QueryResults', {
      accessLogs,
      // results are reproducible by re-running the query
      versioned: false,
      lifecycleRules: [{ id: 'expire-results', expiration: Duration.days(aws.queryResultRetentionDays) }],
    });

    exportBucket(this.landing, sharedBucketName(aws.prefix, 'landing'));
    exportBucket(this.lake, sharedBucketName(aws.prefix, 'lake'));
    exportBucket(this.queryResults, sharedBucketName(aws.prefix, 'query-results'));

    this.catalog = new AnalystCatalog(this, 'Analysts', {
      prefix: aws.prefix,
      lake: this.lake,
      queryResults: this.queryResults,
      scanLimitMb: aws.athenaScanLimitMb,
      analystSqlDir: props.analystSqlDir,
    });
  }
}
