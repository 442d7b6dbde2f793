import { createHash, randomBytes } from 'node:crypto';
import type { EdgeAuthConfig } from './auth-config.ts';

/** Where Cognito sends the viewer back after signing in. */
export const CALLBACK_PATH = '/_auth/callback';
/** Signs the viewer out of the site and the hosted UI. */
export const SIGN_OUT_PATH = '/_auth/signout';

/** A PKCE verifier, its S256 challenge, and a nonce binding the callback to this browser. */
export interface SignInAttempt {
  verifier: string;
  challenge: string;
  nonce: string;
}

export function newSignInAttempt(random: (bytes: number) => Buffer = randomBytes): SignInAttempt {
  const verifier = random(32).toString('base64url');
  return {
    verifier,
    challenge: createHash('sha256').update(verifier).digest('base64url'),
    nonce: random(16).toString('base64url'),
  };
}

/**
 * The page to return to after signing in: only a path of this site, so that
 * a crafted link cannot send a viewer elsewhere (`//evil.example` is not a
 * path), and no control characters, which could split the `Location` header
 * or be read past by a browser (`/\t/evil.example`).
 */
export function safeReturnPath(path: unknown): string {
  return typeof path === 'string' &&
    path.startsWith('/') &&
    !path.startsWith('//') &&
    !path.includes('\\') &&
    // eslint-disable-next-line no-control-regex -- control characters are what this rejects
    !/[\u0000-\u001f\u007f]/.test(path)
    ? path
    : '/';
}

/** The OAuth `state`: the nonce, and where the viewer was going. */
export function encodeState(nonce: string, returnTo: string): string {
  return Buffer.from(JSON.stringify({ n: nonce, p: returnTo })).toString('base64url');
}

export function decodeState(state: string): { nonce: string; returnTo: string } | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(state, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null) return undefined;
    const { n, p } = value as { n?: unknown; p?: unknown };
    return typeof n === 'string' ? { nonce: n, returnTo: safeReturnPath(p) } : undefined;
  } catch {
    return undefined;
  }
}

/** The hosted UI's sign-in page for this attempt (authorization code flow with PKCE). */
export function authorizeUrl(config: EdgeAuthConfig, redirectUri: string, attempt: SignInAttempt, state: string): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    state,
    code_challenge: attempt.challenge,
    code_challenge_method: 'S256',
  });
  return `${config.domain}/oauth2/authorize?${query.toString()}`;
}

/** The hosted UI's sign-out page, which comes back to `returnUrl`. */
export function logoutUrl(config: EdgeAuthConfig, returnUrl: string): string {
  return `${config.domain}/logout?${new URLSearchParams({ client_id: config.clientId, logout_uri: returnUrl }).toString()}`;
}

export interface Tokens {
  id_token: string;
  expires_in: number;
}

/**
 * Trades the callback's code for tokens at the pool's token endpoint. The
 * client is public (no secret): the PKCE verifier proves this is the browser
 * that started the sign-in.
 */
export async function exchangeCode(
  config: EdgeAuthConfig,
  code: string,
  redirectUri: string,
  verifier: string,
  fetcher: typeof fetch = fetch,
): Promise<Tokens> {
  const response = await fetcher(`${config.domain}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    // the viewer is waiting, and Lambda@Edge has 5 seconds in all
    signal: AbortSignal.timeout(3_000),
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: config.clientId,
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    }).toString(),
  });
  if (!response.ok) throw new Error(`token endpoint answered ${response.status}`);
  const body = (await response.json()) as Partial<Tokens>;
  if (typeof body.id_token !== 'string') throw new Error('token endpoint returned no id_token');
  return { id_token: body.id_token, expires_in: typeof body.expires_in === 'number' ? body.expires_in : 3600 };
}
