import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { EdgeAuthConfig } from '../../../../infra/edge/auth-config.ts';
import { parseEdgeAuthConfig } from '../../../../infra/edge/auth-config.ts';
import { authorizeUrl, decodeState, encodeState, exchangeCode, newSignInAttempt, safeReturnPath } from '../../../../infra/edge/oauth.ts';

const config: EdgeAuthConfig = {
  region: 'eu-west-1',
  userPoolId: 'eu-west-1_pool',
  clientId: 'client-1',
  domain: 'https://scorecard-123.auth.eu-west-1.amazoncognito.com',
  accessBucket: 'site-bucket',
  accessRegion: 'eu-west-1',
};

describe('sign-in with the hosted UI', () => {
  it('sends an S256 PKCE challenge of the verifier, and the state, to the authorize endpoint', () => {
    const attempt = newSignInAttempt();
    const url = new URL(authorizeUrl(config, 'https://d1.cloudfront.net/_auth/callback', attempt, encodeState(attempt.nonce, '/v/2026-11-26/')));

    expect(url.origin + url.pathname).toBe(`${config.domain}/oauth2/authorize`);
    expect(url.searchParams.get('code_challenge')).toBe(createHash('sha256').update(attempt.verifier).digest('base64url'));
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('client_id')).toBe('client-1');
    expect(decodeState(url.searchParams.get('state') ?? '')).toEqual({ nonce: attempt.nonce, returnTo: '/v/2026-11-26/' });
  });

  it('makes a new verifier and nonce for every attempt', () => {
    const [a, b] = [newSignInAttempt(), newSignInAttempt()];
    expect(a.verifier).not.toBe(b.verifier);
    expect(a.nonce).not.toBe(b.nonce);
    expect(a.verifier.length).toBeGreaterThanOrEqual(43);
  });

  it.each([
    ['/v/2026-11-26/', '/v/2026-11-26/'],
    ['//evil.example/', '/'],
    ['https://evil.example/', '/'],
    ['/\\evil.example', '/'],
    [42, '/'],
  ])('returns only to a path of the site: %j → %s', (path, expected) => {
    expect(safeReturnPath(path)).toBe(expected);
    expect(decodeState(encodeState('n', String(path)))?.returnTo).toBe(typeof path === 'string' ? expected : '/');
  });

  it('does not trust a state that is not its own JSON', () => {
    expect(decodeState('not-base64-json')).toBeUndefined();
    expect(decodeState(Buffer.from('{"p":"/"}').toString('base64url'))).toBeUndefined();
  });

  it('trades the code for tokens with the verifier, as a public client', async () => {
    const calls: { url: string; body: string }[] = [];
    const fetcher = (async (url: string, init: { body: string }) => {
      calls.push({ url, body: init.body });
      return new Response(JSON.stringify({ id_token: 'id.token.sig', access_token: 'a', expires_in: 43_200 }), { status: 200 });
    }) as unknown as typeof fetch;

    const tokens = await exchangeCode(config, 'the-code', 'https://d1.cloudfront.net/_auth/callback', 'the-verifier', fetcher);

    expect(tokens).toEqual({ id_token: 'id.token.sig', expires_in: 43_200 });
    expect(calls[0]?.url).toBe(`${config.domain}/oauth2/token`);
    expect(Object.fromEntries(new URLSearchParams(calls[0]?.body))).toEqual({
      grant_type: 'authorization_code',
      client_id: 'client-1',
      code: 'the-code',
      redirect_uri: 'https://d1.cloudfront.net/_auth/callback',
      code_verifier: 'the-verifier',
    });
  });

  it('fails when the token endpoint refuses the code', async () => {
    const fetcher = (async () => new Response('{"error":"invalid_grant"}', { status: 400 })) as unknown as typeof fetch;
    await expect(exchangeCode(config, 'c', 'r', 'v', fetcher)).rejects.toThrow(/answered 400/);
  });

  it('reads the parameter the site stack writes, naming what is missing', () => {
    expect(parseEdgeAuthConfig(JSON.stringify(config))).toEqual(config);
    expect(() => parseEdgeAuthConfig(JSON.stringify({ ...config, clientId: '' }))).toThrow(/clientId is missing/);
  });
});
