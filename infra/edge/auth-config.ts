/**
 * What the sign-in function needs to know about the user pool. Lambda@Edge
 * takes no environment variables and its code is bundled before the pool
 * exists, so the site stack writes this as JSON to an SSM parameter whose
 * name and region are fixed at bundling time.
 */
export interface EdgeAuthConfig {
  /** the user pool's region, e.g. `eu-west-1` */
  region: string;
  userPoolId: string;
  /** the app client of the site (public client: PKCE, no secret) */
  clientId: string;
  /** the hosted UI, e.g. `https://scorecard-123456789012.auth.eu-west-1.amazoncognito.com` */
  domain: string;
  /** the site bucket and its region: the gate reads the access lists from its `_access/` */
  accessBucket: string;
  accessRegion: string;
}

/** Checks a parsed parameter value, naming the missing field. */
export function parseEdgeAuthConfig(text: string): EdgeAuthConfig {
  const value: unknown = JSON.parse(text);
  const out: Partial<EdgeAuthConfig> = {};
  for (const key of ['region', 'userPoolId', 'clientId', 'domain', 'accessBucket', 'accessRegion'] as const) {
    const field = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
    if (typeof field !== 'string' || field === '') throw new Error(`edge auth config: ${key} is missing`);
    out[key] = field;
  }
  return out as EdgeAuthConfig;
}

/** The token issuer of a user pool, as its ID tokens' `iss` claim names it. */
export function issuerOf(config: EdgeAuthConfig): string {
  return `https://cognito-idp.${config.region}.amazonaws.com/${config.userPoolId}`;
}
