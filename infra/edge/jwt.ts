import { createPublicKey, verify, type JsonWebKey } from 'node:crypto';

/** A JSON Web Key of the pool's key set (RSA, as Cognito signs with RS256). */
export type Jwk = JsonWebKey & { kid?: string };

export interface IdTokenCheck {
  issuer: string;
  clientId: string;
  /** seconds since the epoch */
  now: number;
}

export interface IdClaims {
  sub: string;
  email?: string;
  /** whether the pool verified `email` (the gate trusts no other address) */
  emailVerified?: boolean;
  /** the CRM user the viewer is bound to: `custom:crm_user_id`, which only an administrator can set */
  crmUserId?: string;
  exp: number;
}

/** The admin-only user attribute that binds a viewer to a CRM user (infra/constructs/site-auth.ts). */
export const CRM_USER_CLAIM = 'custom:crm_user_id';

function decodePart(part: string): unknown {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The `kid` a token was signed with, or undefined for anything that is not a JWT. */
export function tokenKeyId(token: string): string | undefined {
  try {
    const header = decodePart(token.split('.')[0] ?? '');
    return isRecord(header) && typeof header.kid === 'string' ? header.kid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The claims of a Cognito ID token if it is one for this site: RS256 signed
 * by a key of the pool, issued by the pool, for the site's client, and not
 * expired. Anything else gives `undefined` (the viewer signs in again).
 *
 * @example
 * const claims = verifyIdToken(cookie, jwks, { issuer, clientId, now: Date.now() / 1000 });
 * if (!claims) return redirectToSignIn();
 */
export function verifyIdToken(token: string, keys: Jwk[], check: IdTokenCheck): IdClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [head = '', body = '', signature = ''] = parts;
  let header: unknown;
  let claims: unknown;
  try {
    header = decodePart(head);
    claims = decodePart(body);
  } catch {
    return undefined;
  }
  if (!isRecord(header) || header.alg !== 'RS256' || typeof header.kid !== 'string') return undefined;
  const jwk = keys.find((k) => k.kid === header.kid && k.kty === 'RSA');
  if (!jwk) return undefined;
  let valid = false;
  try {
    const key = createPublicKey({ key: jwk, format: 'jwk' });
    valid = verify('RSA-SHA256', Buffer.from(`${head}.${body}`), key, Buffer.from(signature, 'base64url'));
  } catch {
    return undefined;
  }
  if (!valid || !isRecord(claims)) return undefined;
  if (claims.iss !== check.issuer || claims.aud !== check.clientId || claims.token_use !== 'id') return undefined;
  if (typeof claims.exp !== 'number' || claims.exp <= check.now || typeof claims.sub !== 'string') return undefined;
  const crm = claims[CRM_USER_CLAIM];
  return {
    sub: claims.sub,
    exp: claims.exp,
    ...(typeof claims.email === 'string' ? { email: claims.email } : {}),
    ...(claims.email_verified === true || claims.email_verified === 'true' ? { emailVerified: true } : {}),
    ...(typeof crm === 'string' && crm !== '' ? { crmUserId: crm } : {}),
  };
}
