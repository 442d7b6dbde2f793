import { CfnOutput, Duration, Stack, Validations, type CfnElement, type StackProps } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  LambdaEdgeEventType,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Policy, PolicyStatement, Role } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { EDGE_ACCESS_PREFIX } from '../../functions/access/keys.ts';
import type { Config } from '../../functions/config.ts';
import { SecureBucket } from '../constructs/secure-bucket.ts';
import { SiteAuth } from '../constructs/site-auth.ts';
import { SiteGate } from '../constructs/site-gate.ts';
import { siteRateLimit } from '../constructs/site-rate-limit.ts';
import { exportBucket, sharedBucketName } from '../constructs/shared-bucket.ts';

export interface SiteStackProps extends StackProps {
  config: Config;
  projectRoot: string;
  accessLogs: IBucket;
}

/**
 * The reports' Content-Security-Policy: the site reads without scripts
 * (charts are SVG rendered at build time), so none run; inline styles are
 * allowed for Astro's scoped styles and Vega's SVG.
 */
export const SITE_CSP = [
  "default-src 'none'",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "script-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The SSM parameter through which the site stack tells the edge function about the user pool. */
export const edgeParameterName = (prefix: string): string => `/${prefix}/site/edge-auth`;

/**
 * The private report site: the site bucket (only CloudFront may read it,
 * through origin access control), a CloudFront distribution whose every
 * request passes the sign-in gate, security headers on every response, and
 * the Cognito user pool of the people allowed in.
 *
 * @example
 * const site = new SiteStack(app, 'scorecard-site', { env, config, projectRoot, accessLogs: lake.accessLogs });
 */
export class SiteStack extends Stack {
  readonly siteBucket: IBucket;
  readonly distribution: Distribution;
  /** `https://…` without a trailing slash: where e-mailed links point */
  readonly siteUrl: string;
  readonly auth: SiteAuth;

  constructor(scope: Construct, id: string, props: SiteStackProps) {
    super(scope, id, props);
    const { aws } = props.config;
    const parameterName = edgeParameterName(aws.prefix);

    this.siteBucket = new SecureBucket(this, 'Site', { accessLogs: props.accessLogs, versioned: true });
    exportBucket(this.siteBucket, sharedBucketName(aws.prefix, 'site'));

    const gate = new SiteGate(this, 'Gate', {
      projectRoot: props.projectRoot,
      prefix: aws.prefix,
      parameterName,
      parameterRegion: this.region,
    });

    // the gate reads the access lists (never served: the access rule denies _access/ to everyone)
    const gateReads = new Policy(this, 'GateReadsAccessLists', {
      roles: [Role.fromRoleName(this, 'GateRole', gate.roleName)],
      statements: [new PolicyStatement({ actions: ['s3:GetObject'], resources: [this.siteBucket.arnForObjects(`${EDGE_ACCESS_PREFIX}*`)] })],
    });
    Validations.of(gateReads).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(this.siteBucket.node.defaultChild as CfnElement)}.Arn>/${EDGE_ACCESS_PREFIX}*]`,
      reason: 'One access list per published version, named by its date at run time; read-only and limited to the _access/ prefix.',
    });
    const webAclId = siteRateLimit(this, aws.siteRateLimit);

    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Scorecard reports: CSP, HSTS, no referrer',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: SITE_CSP, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
      },
    });

    const ownDomain = aws.siteDomain !== '';
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `${aws.prefix} sales scorecard`,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.siteBucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        // the gate also maps /dir/ to /dir/index.html: one viewer-request function per behaviour
        edgeLambdas: [{ functionVersion: gate.fn.currentVersion, eventType: LambdaEdgeEventType.VIEWER_REQUEST }],
      },
      defaultRootObject: 'index.html',
      ...(webAclId ? { webAclId } : {}),
      httpVersion: HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: props.accessLogs,
      logFilePrefix: 'cloudfront/',
      ...(ownDomain
        ? {
            domainNames: [aws.siteDomain],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', aws.siteCertificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'Viewers are the company\'s own staff wherever they travel; every request must pass the Cognito sign-in instead.',
    });
    if (!webAclId) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR2',
        reason: 'aws.siteRateLimit is 0: a static, sign-in-only site with no forms or APIs, whose edge gate rejects anonymous requests before S3; set aws.siteRateLimit for a WAF rate rule.',
      });
    }
    if (!ownDomain) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without aws.siteDomain the distribution uses the *.cloudfront.net certificate, whose TLS policy CloudFront fixes; set aws.siteDomain and aws.siteCertificateArn for TLS 1.2+ only.',
      });
    }

    this.siteUrl = ownDomain ? `https://${aws.siteDomain}` : `https://${this.distribution.distributionDomainName}`;
    this.auth = new SiteAuth(this, 'Auth', {
      prefix: aws.prefix,
      siteUrls: ownDomain ? [this.siteUrl, `https://${this.distribution.distributionDomainName}`] : [this.siteUrl],
      viewers: aws.siteViewers,
      parameterName,
      siteBucket: this.siteBucket,
    });

    new CfnOutput(this, 'SiteUrl', { value: `${this.siteUrl}/`, description: 'The report site (sign in with an invited address)' });
    new CfnOutput(this, 'UserPoolId', {
      value: this.auth.userPool.userPoolId,
      description: 'Invite viewers: aws cognito-idp admin-create-user --user-pool-id <this> --username <e-mail>',
    });
  }
}
