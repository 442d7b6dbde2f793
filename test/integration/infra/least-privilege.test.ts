import type { Stack } from 'aws-cdk-lib';
import type { CfnRole, IRole } from 'aws-cdk-lib/aws-iam';
import { beforeAll, describe, expect, it } from 'vitest';
import { resourcesOf, synthScorecard, type Synthesised } from './synth.ts';

interface Statement {
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, string[] | string>>;
}

/** A resource as text: imported buckets by their export name, e.g. `arn:…:s3:::<scorecard-lake>/raw/*`. */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(text).join('');
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    if ('Fn::Join' in record) {
      const [sep, parts] = record['Fn::Join'] as [string, unknown[]];
      return parts.map(text).join(sep);
    }
    if ('Fn::ImportValue' in record) return `<${String(record['Fn::ImportValue']).replace(/-(bucket|arn)$/, '')}>`;
    if ('Ref' in record) return `<${String(record.Ref)}>`;
    if ('Fn::GetAtt' in record) return `<${(record['Fn::GetAtt'] as string[]).join('.')}>`;
  }
  return JSON.stringify(value);
}

/** Every S3 grant of a role: `action → resources`, and the prefixes it may list per bucket. */
function s3Access(stack: Stack, synth: Synthesised, roleLogicalId: string) {
  const objects: Record<string, Set<string>> = {};
  const listing: string[] = [];
  for (const [, policy] of resourcesOf(synth.template(stack), 'AWS::IAM::Policy')) {
    const roles = (policy.Properties.Roles as unknown[]).map(text);
    if (!roles.includes(`<${roleLogicalId}>`)) continue;
    for (const statement of (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement) {
      const actions = [statement.Action].flat().filter((a) => a.startsWith('s3:'));
      const resources = [statement.Resource].flat().map(text);
      for (const action of actions) {
        if (action === 's3:ListBucket') {
          const prefixes = [statement.Condition?.StringLike?.['s3:prefix'] ?? ['(any)']].flat();
          listing.push(...resources.flatMap((bucket) => prefixes.map((p) => `${bucket.replace(/^arn:.*:::/, '')} ${p}`)));
        } else {
          for (const resource of resources) (objects[action] ??= new Set()).add(resource.replace(/^arn:.*:::/, ''));
        }
      }
    }
  }
  return { objects: Object.fromEntries(Object.entries(objects).map(([a, set]) => [a, [...set].sort()])), listing: listing.sort() };
}

const logicalId = (role: IRole): string => (role.stack as Stack).getLogicalId(role.node.defaultChild as CfnRole);

describe('each stage reaches only its prefixes', () => {
  let synth: Synthesised;
  beforeAll(() => {
    synth = synthScorecard({ engine: 'athena' });
  });

  it('ingest: reads landing/, writes raw/, quarantine/ and reports/ingest/', () => {
    const { pipeline } = synth.stacks;
    const access = s3Access(pipeline, synth, logicalId(pipeline.ingest.executionRole));

    expect(access.objects).toEqual({
      's3:GetObject': ['<scorecard-lake>/quarantine/*', '<scorecard-lake>/raw/*', '<scorecard-lake>/reports/ingest/*', '<scorecard-landing>/landing/*'],
      's3:PutObject': ['<scorecard-lake>/quarantine/*', '<scorecard-lake>/raw/*', '<scorecard-lake>/reports/ingest/*'],
      's3:DeleteObject': ['<scorecard-lake>/quarantine/*', '<scorecard-lake>/raw/*', '<scorecard-lake>/reports/ingest/*'],
    });
    expect(access.listing).toEqual([
      '<scorecard-lake> quarantine/*',
      '<scorecard-lake> raw/*',
      '<scorecard-lake> reports/ingest/*',
      '<scorecard-landing> landing/*',
    ]);
  });

  it('compute: reads raw/, writes kpi/ (and staging/ for Athena), touches neither site/ nor reports/', () => {
    const { pipeline } = synth.stacks;
    const access = s3Access(pipeline, synth, logicalId(pipeline.compute.executionRole));
    const lake = (key: string) => (access.objects[key] ?? []).filter((r) => r.startsWith('<scorecard-lake>'));

    expect(lake('s3:GetObject')).toEqual(['<scorecard-lake>/kpi/*', '<scorecard-lake>/raw/*', '<scorecard-lake>/staging/*']);
    expect(lake('s3:PutObject')).toEqual(['<scorecard-lake>/kpi/*', '<scorecard-lake>/staging/*']);
    expect(lake('s3:DeleteObject')).toEqual(['<scorecard-lake>/kpi/*', '<scorecard-lake>/staging/*']);
    // Athena's query results have a bucket of their own
    expect(access.objects['s3:PutObject']?.filter((r) => !r.startsWith('<scorecard-lake>'))).toEqual(['<scorecard-query-results>/*']);
  });

  it('notify: reads kpi/, site/ and access/, writes notify/ (and the outbox)', () => {
    const { pipeline } = synth.stacks;
    const access = s3Access(pipeline, synth, logicalId(pipeline.notify.executionRole));

    expect(access.objects).toEqual({
      's3:GetObject': [
        '<scorecard-lake>/access/*',
        '<scorecard-lake>/kpi/*',
        '<scorecard-lake>/notify/*',
        '<scorecard-lake>/outbox/*',
        '<scorecard-lake>/site/*',
      ],
      's3:PutObject': ['<scorecard-lake>/notify/*', '<scorecard-lake>/outbox/*'],
      's3:DeleteObject': ['<scorecard-lake>/notify/*', '<scorecard-lake>/outbox/*'],
    });
  });

  it('site build: reads kpi/ and the ingest reports, writes site/ and access/, and the site bucket', () => {
    const { pipeline } = synth.stacks;
    const [[roleId] = ['']] = resourcesOf(synth.template(pipeline), 'AWS::IAM::Role').filter(([, role]) =>
      JSON.stringify(role.Properties.AssumeRolePolicyDocument).includes('codebuild.amazonaws.com'),
    );
    const access = s3Access(pipeline, synth, roleId);
    const lake = (key: string) => (access.objects[key] ?? []).filter((r) => r.startsWith('<scorecard-lake>'));

    expect(lake('s3:GetObject')).toEqual([
      '<scorecard-lake>/access/*',
      '<scorecard-lake>/kpi/*',
      '<scorecard-lake>/reports/ingest/*',
      '<scorecard-lake>/site/*',
    ]);
    expect(lake('s3:PutObject')).toEqual(['<scorecard-lake>/access/*', '<scorecard-lake>/site/*']);
    expect(lake('s3:DeleteObject')).toEqual(['<scorecard-lake>/access/*', '<scorecard-lake>/site/*']);
    expect(access.objects['s3:PutObject']).toContain('<scorecard-site>/*');
    expect(access.listing.filter((l) => l.startsWith('<scorecard-lake>'))).toEqual([
      '<scorecard-lake> access/*',
      '<scorecard-lake> kpi/*',
      '<scorecard-lake> reports/ingest/*',
      '<scorecard-lake> site/*',
    ]);
  });

  it('the edge gate reads only the access lists of the site bucket', () => {
    const { site } = synth.stacks;
    const [[, policy] = ['', { Properties: {} }]] = resourcesOf(synth.template(site), 'AWS::IAM::Policy').filter(([, p]) =>
      (p.Properties.Roles as unknown[]).map(text).includes('scorecard-site-gate'),
    );
    const statements = (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement;

    expect(statements.map((s) => [s.Action, text(s.Resource).replace(/^arn:.*:::/, '')])).toEqual([
      ['s3:GetObject', expect.stringMatching(/^<Site\w+\.Arn>\/_access\/\*$/)],
    ]);
  });

  it('gives no stage a whole-bucket grant on the lake', () => {
    const { pipeline } = synth.stacks;
    const all = resourcesOf(synth.template(pipeline), 'AWS::IAM::Policy').flatMap(([, p]) =>
      (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement.flatMap((s) => [s.Resource].flat().map(text)),
    );

    expect(all.filter((r) => r.endsWith('<scorecard-lake>/*'))).toEqual([]);
  });
});
