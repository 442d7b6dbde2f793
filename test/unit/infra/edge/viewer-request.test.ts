import type { CloudFrontRequest, CloudFrontResultResponse } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EdgeAuthConfig } from '../../../../infra/edge/auth-config.ts';
import { ATTEMPT_COOKIE, handleViewerRequest, ID_COOKIE, type EdgeDeps } from '../../../../infra/edge/viewer-request.ts';
import { decodeState } from '../../../../infra/edge/oauth.ts';
import { poolKey, signToken } from './tokens.ts';
import { buildAccessList } from '../../../../functions/access/access-list.ts';
import { ORG } from '../../access/org-fixture.ts';

const config: EdgeAuthConfig = {
  region: 'eu-west-1',
  userPoolId: 'eu-west-1_pool',
  clientId: 'client-1',
  domain: 'https://scorecard-123.auth.eu-west-1.amazoncognito.com',
  accessBucket: 'site-bucket',
  accessRegion: 'eu-west-1',
};
const issuer = `https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_pool`;
const NOW = 1_800_000_000;

function request(uri: string, cookie?: string, querystring = ''): CloudFrontRequest {
  return {
    clientIp: '203.0.113.9',
    method: 'GET',
    uri,
    querystring,
    headers: {
      host: [{ key: 'Host', value: 'd111.cloudfront.net' }],
      ...(cookie ? { cookie: [{ key: 'Cookie', value: cookie }] } : {}),
    },
  };
}

const header = (response: CloudFrontResultResponse, name: string): string[] =>
  (response.headers?.[name] ?? []).map((h) => h.value);

describe('the sign-in gate', () => {
  let key: ReturnType<typeof poolKey>;
  let exchanged: { code: string; redirectUri: string; verifier: string }[];
  let deps: EdgeDeps;
  beforeAll(() => {
    key = poolKey();
  });
  const freshDeps = (): EdgeDeps => {
    exchanged = [];
    deps = {
      config: async () => config,
      keys: async () => [key.jwk],
      exchange: async (_config, code, redirectUri, verifier) => {
        exchanged.push({ code, redirectUri, verifier });
        return { id_token: signToken(key.privateKey, { sub: 'u1', iss: issuer, aud: 'client-1', token_use: 'id', exp: NOW + 60 }), expires_in: 43_200 };
      },
      accessList: async () => buildAccessList('2026-11-26', ORG, { orgViewers: [], aeSeesTeam: false }),
      now: () => NOW,
      attempt: () => ({ verifier: 'v'.repeat(43), challenge: 'c'.repeat(43), nonce: 'nonce-1' }),
    };
    return deps;
  };

  it('sends a viewer without a token to the hosted UI, remembering the page and the attempt', async () => {
    const response = (await handleViewerRequest(request('/v/2026-11-26/team/005', undefined, 'x=1'), freshDeps())) as CloudFrontResultResponse;

    expect(response.status).toBe('302');
    const location = new URL(header(response, 'location')[0] ?? '');
    expect(location.origin).toBe(config.domain);
    expect(location.searchParams.get('redirect_uri')).toBe('https://d111.cloudfront.net/_auth/callback');
    expect(decodeState(location.searchParams.get('state') ?? '')).toEqual({ nonce: 'nonce-1', returnTo: '/v/2026-11-26/team/005?x=1' });
    expect(header(response, 'set-cookie')).toEqual([`${ATTEMPT_COOKIE}=${'v'.repeat(43)}.nonce-1; Path=/; Max-Age=600; Secure; HttpOnly; SameSite=Lax`]);
    expect(header(response, 'cache-control')).toEqual(['no-store']);
  });

  it('lets a viewer with a valid token through to the page’s index.html', async () => {
    const token = signToken(key.privateKey, { sub: 'u1', iss: issuer, aud: 'client-1', token_use: 'id', exp: NOW + 60, 'custom:crm_user_id': 'VP' });

    const result = await handleViewerRequest(request('/v/2026-11-26/', `other=1; ${ID_COOKIE}=${token}`), freshDeps());

    expect(result).toEqual(expect.objectContaining({ uri: '/v/2026-11-26/index.html', method: 'GET' }));
  });

  it('sends a viewer with an expired token to sign in again', async () => {
    const token = signToken(key.privateKey, { sub: 'u1', iss: issuer, aud: 'client-1', token_use: 'id', exp: NOW - 1 });

    const response = (await handleViewerRequest(request('/', `${ID_COOKIE}=${token}`), freshDeps())) as CloudFrontResultResponse;

    expect(response.status).toBe('302');
    expect(header(response, 'location')[0]).toContain('/oauth2/authorize?');
  });

  it('completes a sign-in: trades the code with the verifier, sets the token, returns to the page', async () => {
    const state = Buffer.from(JSON.stringify({ n: 'nonce-1', p: '/v/2026-11-26/' })).toString('base64url');

    const response = (await handleViewerRequest(
      request('/_auth/callback', `${ATTEMPT_COOKIE}=${'v'.repeat(43)}.nonce-1`, `code=abc&state=${state}`),
      freshDeps(),
    )) as CloudFrontResultResponse;

    expect(exchanged).toEqual([{ code: 'abc', redirectUri: 'https://d111.cloudfront.net/_auth/callback', verifier: 'v'.repeat(43) }]);
    expect(response.status).toBe('302');
    expect(header(response, 'location')).toEqual(['/v/2026-11-26/']);
    const cookies = header(response, 'set-cookie');
    expect(cookies[0]).toMatch(new RegExp(`^${ID_COOKIE}=[\\w-]+\\.[\\w-]+\\.[\\w-]+; Path=/; Max-Age=43200; Secure; HttpOnly; SameSite=Lax$`));
    expect(cookies[1]).toBe(`${ATTEMPT_COOKIE}=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Lax`);
  });

  it.each([
    ['another browser’s nonce', `${ATTEMPT_COOKIE}=${'v'.repeat(43)}.nonce-2`, 'code=abc'],
    ['no sign-in in progress', undefined, 'code=abc'],
    ['no code', `${ATTEMPT_COOKIE}=${'v'.repeat(43)}.nonce-1`, ''],
  ])('refuses a callback with %s, without calling Cognito', async (_what, cookie, query) => {
    const state = Buffer.from(JSON.stringify({ n: 'nonce-1', p: '/' })).toString('base64url');

    const response = (await handleViewerRequest(
      request('/_auth/callback', cookie, `${query}&state=${state}`),
      freshDeps(),
    )) as CloudFrontResultResponse;

    expect(response.status).toBe('401');
    expect(exchanged).toEqual([]);
  });

  it('signs out of the site and the hosted UI', async () => {
    const response = (await handleViewerRequest(request('/_auth/signout', `${ID_COOKIE}=x`), freshDeps())) as CloudFrontResultResponse;

    expect(header(response, 'location')).toEqual([
      `${config.domain}/logout?client_id=client-1&logout_uri=${encodeURIComponent('https://d111.cloudfront.net/')}`,
    ]);
    expect(header(response, 'set-cookie')).toEqual([`${ID_COOKIE}=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Lax`]);
  });
});
