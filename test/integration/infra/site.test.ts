import type { Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { SITE_CSP } from '../../../infra/stacks/site.ts';
import { resourcesOf, synthScorecard, type Synthesised } from './synth.ts';

describe('site stack', () => {
  describe('in us-east-1 with the CloudFront address', () => {
    let synth: Synthesised;
    beforeAll(() => {
      synth = synthScorecard({ aws: { siteViewers: ['ana@example.com', 'ben@example.com'] } });
    });

    it('serves the private site bucket only through CloudFront with origin access control', () => {
      const template = synth.template(synth.stacks.site);
      template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
      template.hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: Match.objectLike({
          DefaultRootObject: 'index.html',
          Origins: [Match.objectLike({ OriginAccessControlId: { 'Fn::GetAtt': [Match.anyValue(), 'Id'] } })],
          Logging: Match.objectLike({ Prefix: 'cloudfront/' }),
          DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
        }),
      });
      const [[, policy] = ['', { Properties: {} }]] = resourcesOf(template, 'AWS::S3::BucketPolicy');
      const statements = (policy.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement;
      expect(statements).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            Effect: 'Allow',
            Action: 's3:GetObject',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Condition: { StringEquals: { 'AWS:SourceArn': expect.anything() } },
          }),
          expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      );
      // nobody but CloudFront is allowed in
      expect(statements.filter((s) => s.Effect === 'Allow').map((s) => s.Principal)).toEqual([
        { Service: 'cloudfront.amazonaws.com' },
      ]);
    });

    it('runs the sign-in gate on every viewer request', () => {
      const template = synth.template(synth.stacks.site);
      template.hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: Match.objectLike({
          DefaultCacheBehavior: Match.objectLike({
            LambdaFunctionAssociations: [{ EventType: 'viewer-request', LambdaFunctionARN: Match.anyValue() }],
          }),
        }),
      });
      template.hasResourceProperties('AWS::Lambda::Function', {
        Handler: 'index.handler',
        Architectures: ['x86_64'],
        Role: Match.anyValue(),
      });
      template.hasResourceProperties('AWS::IAM::Role', {
        AssumeRolePolicyDocument: Match.objectLike({
          Statement: Match.arrayWith([
            Match.objectLike({ Principal: { Service: Match.arrayWith(['edgelambda.amazonaws.com']) } }),
          ]),
        }),
      });
    });

    it('sends CSP, HSTS and no-referrer on every response', () => {
      synth.template(synth.stacks.site).hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
        ResponseHeadersPolicyConfig: Match.objectLike({
          SecurityHeadersConfig: Match.objectLike({
            ContentSecurityPolicy: { ContentSecurityPolicy: SITE_CSP, Override: true },
            StrictTransportSecurity: { AccessControlMaxAgeSec: 63_072_000, IncludeSubdomains: true, Override: true },
            ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
          }),
        }),
      });
      expect(SITE_CSP).toContain("frame-ancestors 'none'");
    });

    it('lets in only invited viewers with MFA, signing in on the hosted UI and back to the site', () => {
      const template = synth.template(synth.stacks.site);
      template.hasResourceProperties('AWS::Cognito::UserPool', {
        AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: true }),
        MfaConfiguration: 'ON',
      });
      template.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
      template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
        GenerateSecret: false,
        AllowedOAuthFlows: ['code'],
        CallbackURLs: [{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [Match.anyValue(), 'DomainName'] }, '/_auth/callback']] }],
      });
      expect(resourcesOf(template, 'AWS::Cognito::UserPoolUser').map(([, u]) => u.Properties.Username).sort()).toEqual([
        'ana@example.com',
        'ben@example.com',
      ]);
      template.hasResourceProperties('AWS::SSM::Parameter', { Name: '/scorecard/site/edge-auth', Type: 'String' });
    });
  });

  describe('in another region with its own domain', () => {
    let synth: Synthesised;
    beforeAll(() => {
      synth = synthScorecard({
        aws: {
          region: 'eu-west-1',
          siteDomain: 'reports.example.com',
          siteCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
        },
      });
    });

    it('puts the sign-in function into a us-east-1 stack and reads its version back', () => {
      const edge = synth.app.node.findChild('scorecard-site-edge') as Stack;
      expect(edge.region).toBe('us-east-1');
      synth.template(synth.stacks.site).resourceCountIs('Custom::CrossRegionStringParameterReader', 1);
      // the function reads the pool's settings from the site's region
      synth.template(edge).hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: Match.objectLike({
          Statement: Match.arrayWith([
            Match.objectLike({
              Action: 'ssm:GetParameter',
              Resource: { 'Fn::Join': ['', Match.arrayWith([':ssm:eu-west-1:', ':parameter/scorecard/site/edge-auth'])] },
            }),
          ]),
        }),
      });
    });

    it('serves the own domain with TLS 1.2 and accepts sign-ins there', () => {
      const template = synth.template(synth.stacks.site);
      template.hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: Match.objectLike({
          Aliases: ['reports.example.com'],
          ViewerCertificate: Match.objectLike({ MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' }),
        }),
      });
      template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
        CallbackURLs: Match.arrayWith(['https://reports.example.com/_auth/callback']),
      });
    });
  });
});
