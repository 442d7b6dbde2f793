import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { OUTPUT_TABLES } from '../../../functions/lake/output-tables.ts';
import { TABLES } from '../../../functions/lake/raw-tables.ts';
import { ATHENA_ENGINE } from '../../../infra/constructs/analyst-catalog.ts';
import { REPO_ROOT } from '../../../infra/scorecard.ts';
import { resourcesOf, synthScorecard, type Synthesised } from './synth.ts';

describe('lake stack', () => {
  let synth: Synthesised;
  let queries: string;

  beforeAll(() => {
    queries = mkdtempSync(join(tmpdir(), 'analyst-sql-'));
    writeFileSync(join(queries, '01_pipeline_by_team.sql'), '-- Open pipeline per team\nSELECT level, entity_id FROM kpi_values\n');
    writeFileSync(join(queries, '02_raw_counts.sql'), 'SELECT COUNT(*) FROM raw_opportunities\n');
    writeFileSync(join(queries, 'notes.txt'), 'not a query');
    synth = synthScorecard(
      { aws: { athenaScanLimitMb: 2048, queryResultRetentionDays: 7, landingRetentionDays: 90 } },
      { analystSqlDir: queries },
    );
  });

  it('has four private, encrypted buckets that refuse plain HTTP', () => {
    const template = synth.template(synth.stacks.lake);
    template.resourceCountIs('AWS::S3::Bucket', 4);
    for (const [, bucket] of resourcesOf(template, 'AWS::S3::Bucket')) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.BucketEncryption).toEqual({
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      });
    }
    const policies = resourcesOf(template, 'AWS::S3::BucketPolicy');
    expect(policies).toHaveLength(4);
    for (const [, policy] of policies) {
      expect(policy.Properties.PolicyDocument).toEqual(
        expect.objectContaining({
          Statement: expect.arrayContaining([
            expect.objectContaining({
              Effect: 'Deny',
              Action: 's3:*',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        }),
      );
    }
  });

  it('versions the buckets that hold data, and expires old drops and query results', () => {
    const template = synth.template(synth.stacks.lake);
    const versioned = resourcesOf(template, 'AWS::S3::Bucket').filter(
      ([, b]) => (b.Properties.VersioningConfiguration as { Status?: string } | undefined)?.Status === 'Enabled',
    );
    expect(versioned.map(([id]) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual(['Lake', 'Landing']);
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({
            Id: 'archive-then-expire-drops',
            ExpirationInDays: 90,
            Transitions: [{ StorageClass: 'GLACIER_IR', TransitionInDays: 30 }],
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ Id: 'expire-results', ExpirationInDays: 7 })]) },
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([Match.objectLike({ Id: 'expire-staging', Prefix: 'staging/', ExpirationInDays: 1 })]),
      },
    });
  });

  it('has a Glue table over every KPI and raw table, with projected partitions', () => {
    const template = synth.template(synth.stacks.lake);
    template.resourceCountIs('AWS::Glue::Database', 1);
    template.resourceCountIs('AWS::Glue::Table', TABLES.length + OUTPUT_TABLES.length);
    template.hasResourceProperties('AWS::Glue::Table', {
      DatabaseName: 'scorecard_lake',
      TableInput: Match.objectLike({
        Name: 'kpi_values',
        PartitionKeys: [{ Name: 'as_of', Type: 'string' }],
        Parameters: Match.objectLike({
          'projection.enabled': 'true',
          'projection.as_of.type': 'date',
          'projection.as_of.format': 'yyyy-MM-dd',
          'storage.location.template': { 'Fn::Join': ['', ['s3://', Match.anyValue(), '/kpi/kpi_values/as_of=${as_of}/']] },
        }),
        StorageDescriptor: Match.objectLike({
          Columns: Match.arrayWith([{ Name: 'period_start', Type: 'date' }, { Name: 'value', Type: 'double' }]),
          SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
        }),
      }),
    });
    template.hasResourceProperties('AWS::Glue::Table', {
      TableInput: Match.objectLike({
        Name: 'raw_opportunities',
        PartitionKeys: [{ Name: 'drop', Type: 'string' }],
        Parameters: Match.objectLike({ 'projection.drop.type': 'date' }),
        StorageDescriptor: Match.objectLike({
          Columns: Match.arrayWith([
            { Name: 'amount', Type: 'double' },
            { Name: 'drop_id', Type: 'string' },
            { Name: 'source_line', Type: 'bigint' },
          ]),
        }),
      }),
    });
  });

  it('has an Athena engine 3 workgroup that enforces encrypted results and a scan limit', () => {
    const template = synth.template(synth.stacks.lake);
    template.hasResourceProperties('AWS::Athena::WorkGroup', {
      Name: 'scorecard-analysts',
      WorkGroupConfiguration: {
        EnforceWorkGroupConfiguration: true,
        PublishCloudWatchMetricsEnabled: true,
        BytesScannedCutoffPerQuery: 2048 * 1024 * 1024,
        EngineVersion: { SelectedEngineVersion: ATHENA_ENGINE },
        ResultConfiguration: {
          OutputLocation: { 'Fn::Join': ['', ['s3://', { Ref: Match.stringLikeRegexp('^QueryResults') }, '/results/']] },
          EncryptionConfiguration: { EncryptionOption: 'SSE_S3' },
          ExpectedBucketOwner: Match.anyValue(),
        },
      },
    });
  });

  it('saves every query of the analyst folder as a named query of the workgroup', () => {
    const template = synth.template(synth.stacks.lake);
    const named = resourcesOf(template, 'AWS::Athena::NamedQuery').map(([, q]) => q.Properties);
    expect(named.map((q) => [q.Name, q.Description, q.Database])).toEqual([
      ['01_pipeline_by_team', 'Open pipeline per team', 'scorecard_lake'],
      ['02_raw_counts', 'sql/analyst/02_raw_counts.sql', 'scorecard_lake'],
    ]);
    expect(named[0]?.QueryString).toContain('FROM kpi_values');
    expect(named[0]?.WorkGroup).toEqual({ Ref: expect.stringMatching(/Workgroup/) });
  });

  it('saves the repository’s own sql/analyst/ queries by default', () => {
    const own = readdirSync(join(REPO_ROOT, 'sql', 'analyst')).filter((f) => f.endsWith('.sql'));
    const { stacks, template } = synthScorecard({});

    const names = resourcesOf(template(stacks.lake), 'AWS::Athena::NamedQuery').map(([, q]) => q.Properties.Name);

    expect(names).toEqual(own.sort().map((f) => f.replace(/\.sql$/, '')));
  });
});
