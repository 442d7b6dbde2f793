import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { resolveConfig } from '../../../functions/config.ts';
import { buildScorecard, REPO_ROOT, type ScorecardOptions, type ScorecardStacks } from '../../../infra/scorecard.ts';

/** The feature flags of cdk.json, so that tests synthesise what `npx cdk synth` does. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}

export interface Synthesised {
  app: App;
  stacks: ScorecardStacks;
  template(stack: Stack): Template;
}

export interface SynthOptions extends ScorecardOptions {
  /**
   * also run CDK's built-in CloudFormation schema validation (about 10 s a
   * synth); cdk-nag runs either way
   */
  cfnValidation?: boolean;
}

/**
 * The Scorecard app for a partial config, synthesised without bundling any
 * function (`aws:cdk:bundling-stacks: []`: seconds instead of a minute),
 * with cdk-nag as in `npx cdk synth` (a finding throws). No AWS account is
 * needed.
 */
export function synthScorecard(partial: unknown = {}, options: SynthOptions = {}, outdir?: string): Synthesised {
  const app = new App({
    ...(outdir ? { outdir } : {}),
    context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] },
  });
  const stacks = buildScorecard(app, resolveConfig(partial), { env: {}, ...options });
  const previous = process.env.CDK_VALIDATION;
  if (!options.cfnValidation) process.env.CDK_VALIDATION = 'false';
  try {
    app.synth();
  } finally {
    if (previous === undefined) delete process.env.CDK_VALIDATION;
    else process.env.CDK_VALIDATION = previous;
  }
  const cache = new Map<Stack, Template>();
  return {
    app,
    stacks,
    template(stack) {
      let template = cache.get(stack);
      if (!template) {
        template = Template.fromStack(stack);
        cache.set(stack, template);
      }
      return template;
    },
  };
}

/** Resources of one type in a template, by logical id. */
export function resourcesOf(template: Template, type: string): [string, { Properties: Record<string, unknown> }][] {
  return Object.entries(template.findResources(type)) as [string, { Properties: Record<string, unknown> }][];
}
