import { Token, type Stack } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { ConfigError } from '../../functions/errors.ts';

/**
 * `aws.siteRateLimit`: a WAF web ACL for the distribution that blocks an
 * IP address sending more than `limit` requests in 5 minutes (a sign-in
 * page being guessed at, a scraper). 0 makes none. CloudFront's web ACLs
 * live in us-east-1, so the site stack must be deployed there.
 *
 * @example
 * const webAclId = siteRateLimit(this, 2000); // the distribution's webAclId
 */
export function siteRateLimit(stack: Stack, limit: number): string | undefined {
  if (limit === 0) return undefined;
  if (!Token.isUnresolved(stack.region) && stack.region !== 'us-east-1') {
    throw new ConfigError(
      `aws.siteRateLimit needs the site in us-east-1 (CloudFront's WAF rules live there), not in ${stack.region}`,
      'set aws.region to us-east-1, or aws.siteRateLimit to 0',
    );
  }
  const acl = new CfnWebACL(stack, 'RateLimit', {
    scope: 'CLOUDFRONT',
    defaultAction: { allow: {} },
    visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: `${stack.stackName}-rate`, sampledRequestsEnabled: true },
    rules: [
      {
        name: 'requests-per-ip',
        priority: 0,
        action: { block: {} },
        statement: { rateBasedStatement: { limit, aggregateKeyType: 'IP', evaluationWindowSec: 300 } },
        visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: `${stack.stackName}-rate-per-ip`, sampledRequestsEnabled: true },
      },
    ],
  });
  return acl.attrArn;
}
