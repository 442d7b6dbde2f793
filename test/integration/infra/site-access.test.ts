import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { resourcesOf, synthScorecard, type Synthesised } from './synth.ts';

describe('site sign-in and access', () => {
  let synth: Synthesised;
  beforeAll(() => {
    synth = synthScorecard({ aws: { siteRateLimit: 2000 } });
  });

  it('binds viewers to a CRM user by an attribute only administrators set', () => {
    const template = synth.template(synth.stacks.site);
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: Match.arrayWith([Match.objectLike({ Name: 'crm_user_id', AttributeDataType: 'String', Mutable: true })]),
    });
    const [[, client] = ['', { Properties: {} }]] = resourcesOf(template, 'AWS::Cognito::UserPoolClient');
    // the site's client writes nothing and signs in through the hosted UI only
    expect(client.Properties.WriteAttributes).toEqual([]);
    expect(client.Properties.ReadAttributes).toEqual(expect.arrayContaining(['custom:crm_user_id', 'email', 'email_verified']));
    expect(client.Properties.ExplicitAuthFlows).toEqual(['ALLOW_REFRESH_TOKEN_AUTH']);
    expect(client.Properties.AllowedOAuthScopes).not.toContain('aws.cognito.signin.user.admin');
  });

  it('ends a session in less than 12 hours', () => {
    const [[, client] = ['', { Properties: {} }]] = resourcesOf(synth.template(synth.stacks.site), 'AWS::Cognito::UserPoolClient');
    const minutes = (key: string) => client.Properties[key] as number;

    expect(client.Properties.TokenValidityUnits).toEqual({ IdToken: 'minutes', AccessToken: 'minutes', RefreshToken: 'minutes' });
    for (const key of ['IdTokenValidity', 'AccessTokenValidity', 'RefreshTokenValidity']) expect(minutes(key)).toBeLessThan(12 * 60);
  });

  it('limits each address’s request rate with WAF when aws.siteRateLimit is set', () => {
    const template = synth.template(synth.stacks.site);
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      Rules: [Match.objectLike({ Action: { Block: {} }, Statement: { RateBasedStatement: { Limit: 2000, AggregateKeyType: 'IP', EvaluationWindowSec: 300 } } })],
    });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ WebACLId: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] } }),
    });
  });

  it('makes no WAF by default', () => {
    const plain = synthScorecard({});
    plain.template(plain.stacks.site).resourceCountIs('AWS::WAFv2::WebACL', 0);
  });

  it('refuses a rate limit for a site outside us-east-1, naming the key', () => {
    expect(() => synthScorecard({ aws: { region: 'eu-west-1', siteRateLimit: 2000 } }, { env: { region: 'eu-west-1' } })).toThrow(
      /aws.siteRateLimit needs the site in us-east-1/,
    );
  });
});
