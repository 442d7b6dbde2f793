import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks, NagPack } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../functions/config.ts';
import { buildScorecard } from '../../../infra/scorecard.ts';
import { cdkJsonContext, synthScorecard } from './synth.ts';

const VARIANTS: [string, unknown][] = [
  ['the defaults', {}],
  [
    'another region, Athena, arm64, an own domain, viewers and an alarm address',
    {
      engine: 'athena',
      aws: {
        region: 'ap-southeast-1',
        account: '123456789012',
        lambdaArchitecture: 'arm64',
        alarmEmail: 'ops@example.com',
        siteViewers: ['ana@example.com'],
        siteDomain: 'reports.example.com',
        siteCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
      },
    },
  ],
];

/** Every acknowledgment in the tree: where, which rule, why. */
function acknowledgments(root: IConstruct): { path: string; id: string; reason: string }[] {
  const out: { path: string; id: string; reason: string }[] = [];
  for (const construct of root.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
        out.push({ path: construct.node.path, id: id.replace(/^annotation::/i, ''), reason });
      }
    }
  }
  return out;
}

/** Runs the AwsSolutions pack on a synthesised app, noting which acknowledgments suppressed a finding. */
function runNag(app: App): { violations: string[]; used: Set<string> } {
  const used = new Set<string>();
  const proto = NagPack.prototype as unknown as { isAcknowledged(node: IConstruct, ruleId: string): boolean };
  const original = proto.isAcknowledged;
  proto.isAcknowledged = function (node, ruleId) {
    const acknowledged = original.call(this, node, ruleId);
    if (acknowledged) used.add(ruleId);
    return acknowledged;
  };
  try {
    const report = new AwsSolutionsChecks().validateScope(app);
    const violations = report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath}`));
    return { violations, used };
  } finally {
    proto.isAcknowledged = original;
  }
}

describe('cdk-nag AwsSolutions', () => {
  it.each(VARIANTS)('finds nothing unacknowledged with %s, and every acknowledgment is used and explained', (_name, partial) => {
    const { app } = synthScorecard(partial, { nag: false });

    const { violations, used } = runNag(app);

    expect(violations).toEqual([]);
    const acks = acknowledgments(app);
    expect(acks.length).toBeGreaterThan(10);
    for (const ack of acks) {
      expect(ack.reason.length, `${ack.id} at ${ack.path}`).toBeGreaterThan(40);
      expect(used.has(ack.id), `${ack.id} at ${ack.path} suppresses nothing`).toBe(true);
    }
  });

  it('runs on every synth of the app, with the CloudFormation schema check, and fails it on a finding', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'cdk-out-'));
    // the real app as `npx cdk synth` builds it passes...
    expect(() => synthScorecard({}, { cfnValidation: true }, outdir)).not.toThrow();

    // ...and the same app with one careless bucket does not
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'cdk-out-')), context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
    const { lake } = buildScorecard(app, resolveConfig({}), { env: {} });
    new Bucket(lake, 'Careless');
    process.env.CDK_VALIDATION = 'false';
    try {
      expect(() => app.synth()).toThrow(/server access logs disabled/);
    } finally {
      delete process.env.CDK_VALIDATION;
    }
    const report = new AwsSolutionsChecks().validateScope(app);
    expect(report.violations.map((v) => v.ruleName)).toEqual(expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10']));
  });
});
