import type { Environment } from 'aws-cdk-lib';
import type { Config } from '../functions/config.ts';

/** Where the stacks go when neither the config nor the CLI's profile names a region. */
export const FALLBACK_REGION = 'us-east-1';

/**
 * The account and region of the stacks: the config's `aws.account` and
 * `aws.region` when given, else those of the CLI's credentials and profile
 * (`CDK_DEFAULT_*`, set by `cdk`), else an unknown account (fine offline)
 * and us-east-1. The region is always explicit because the sign-in
 * function of the site (Lambda@Edge) is deployed to us-east-1 and read back
 * from the site's region.
 *
 * @example
 * deployEnv(config, {}); // { region: 'us-east-1' }
 */
export function deployEnv(config: Config, env: Record<string, string | undefined> = process.env): Environment {
  const account = config.aws.account || env.CDK_DEFAULT_ACCOUNT;
  const region = config.aws.region || env.CDK_DEFAULT_REGION || FALLBACK_REGION;
  return account ? { account, region } : { region };
}
