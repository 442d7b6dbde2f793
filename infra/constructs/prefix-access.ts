import { Validations } from 'aws-cdk-lib';
import { PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { nagArn } from './bucket-access.ts';

/** The lake prefixes a stage reads and those it writes (writing includes reading back and replacing). */
export interface PrefixGrant {
  read?: string[];
  write?: string[];
}

/**
 * Grants a role the store's S3 actions (functions/store/s3.ts) on some
 * prefixes of a bucket only: get on what it reads; get, put and delete on
 * what it writes; listing only below those prefixes. So a stage cannot
 * touch another stage's output (compute cannot publish to site/).
 *
 * Each prefix's `<prefix>*` is a cdk-nag finding, acknowledged with why:
 * the keys below it are named per drop or date at run time.
 *
 * @example
 * grantPrefixes(compute.executionRole, lake, { read: ['raw/'], write: ['kpi/'] }, 'one folder per drop or date');
 */
export function grantPrefixes(role: IRole, bucket: IBucket, grant: PrefixGrant, why: string): void {
  const read = grant.read ?? [];
  const write = grant.write ?? [];
  const objects = (prefixes: string[]) => prefixes.map((prefix) => bucket.arnForObjects(`${prefix}*`));
  if (read.length > 0) role.addToPrincipalPolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: objects(read) }));
  if (write.length > 0) {
    role.addToPrincipalPolicy(new PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], resources: objects(write) }));
  }
  const all = [...read, ...write];
  role.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['s3:ListBucket'],
      resources: [bucket.bucketArn],
      conditions: { StringLike: { 's3:prefix': all.map((prefix) => `${prefix}*`) } },
    }),
  );
  Validations.of(role).acknowledge(
    ...all.map((prefix) => ({
      id: `AwsSolutions-IAM5[Resource::${nagArn(role, bucket)}/${prefix}*]`,
      reason: `Keys below ${prefix} are named at run time (${why}); the grant is limited to that prefix and the named actions.`,
    })),
  );
}

/** What each stage reaches in the lake: its inputs read, its outputs written, nothing else. */
export const STAGE_PREFIXES = {
  ingest: { write: ['raw/', 'quarantine/', 'reports/ingest/'] },
  compute: { read: ['raw/'], write: ['kpi/'] },
  /** for engine "athena": the family results UNLOAD writes, read back by compute */
  computeAthena: { write: ['staging/'] },
  // the data-quality page reads the ingest reports; the access lists are part of the site
  siteBuild: { read: ['kpi/', 'reports/ingest/'], write: ['site/', 'access/'] },
  notify: { read: ['kpi/', 'site/', 'access/'], write: ['notify/', 'outbox/'] },
} satisfies Record<string, PrefixGrant>;

/** The landing bucket's drops, which ingest only reads. */
export const LANDING_PREFIXES: PrefixGrant = { read: ['landing/'] };
