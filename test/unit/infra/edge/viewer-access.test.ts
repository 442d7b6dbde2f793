import type { CloudFrontRequest, CloudFrontResultResponse } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAccessList } from '../../../../functions/access/access-list.ts';
import type { AccessList } from '../../../../functions/access/rule.ts';
import type { EdgeAuthConfig } from '../../../../infra/edge/auth-config.ts';
import { fetchWithTimeout, LastGood } from '../../../../infra/edge/last-good.ts';
import { safeReturnPath } from '../../../../infra/edge/oauth.ts';
import { handleViewerRequest, ID_COOKIE, type EdgeDeps } from '../../../../infra/edge/viewer-request.ts';
import { ORG } from '../../access/org-fixture.ts';
import { poolKey, signToken } from './tokens.ts';

const config: EdgeAuthConfig = {
  region: 'eu-west-1',
  userPoolId: 'eu-west-1_pool',
  clientId: 'client-1',
  domain: 'https://scorecard-123.auth.eu-west-1.amazoncognito.com',
  accessBucket: 'site-bucket',
  accessRegion: 'eu-west-1',
};
const issuer = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_pool';
const NOW = 1_800_000_000;
const D = '2026-11-26';
const LIST = buildAccessList(D, ORG, { orgViewers: ['cfo@example.com'], aeSeesTeam: false });

let key: ReturnType<typeof poolKey>;
beforeAll(() => {
  key = poolKey();
});

function deps(lists: (need: { kind: string }) => AccessList | undefined = () => LIST): EdgeDeps & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    config: async () => config,
    keys: async () => [key.jwk],
    exchange: async () => {
      throw new Error('not in these tests');
    },
    accessList: async (_config, need) => {
      asked.push(need.kind === 'latest' ? 'latest' : need.asOf);
      return lists(need);
    },
    now: () => NOW,
    attempt: () => ({ verifier: 'v'.repeat(43), challenge: 'c'.repeat(43), nonce: 'n' }),
  };
}

const token = (claims: Record<string, unknown>) =>
  signToken(key.privateKey, { sub: 'u', iss: issuer, aud: 'client-1', token_use: 'id', exp: NOW + 60, ...claims });

function request(uri: string, claims: Record<string, unknown>): CloudFrontRequest {
  return {
    clientIp: '203.0.113.9',
    method: 'GET',
    uri,
    querystring: '',
    headers: { host: [{ key: 'Host', value: 'd111.cloudfront.net' }], cookie: [{ key: 'Cookie', value: `${ID_COOKIE}=${token(claims)}` }] },
  };
}

const VIEWERS: Record<string, Record<string, unknown>> = {
  ae: { 'custom:crm_user_id': 'A1', email: 'a1@example.com', email_verified: true },
  manager: { 'custom:crm_user_id': 'M1', email: 'm1@example.com', email_verified: true },
  managerOfManagers: { 'custom:crm_user_id': 'MM', email: 'mm@example.com', email_verified: true },
  orgViewer: { email: 'cfo@example.com', email_verified: 'true' },
};

// [path, viewers let through]
const PATHS: [string, string[]][] = [
  [`/v/${D}/ae/A1/`, ['ae', 'manager', 'orgViewer']],
  [`/v/${D}/ae/A2/`, ['manager', 'orgViewer']],
  [`/v/${D}/ae/C1/`, ['managerOfManagers', 'orgViewer']],
  [`/v/${D}/team/M1/`, ['manager', 'orgViewer']],
  [`/v/${D}/team/M2/`, ['orgViewer']],
  [`/v/${D}/team/M3/`, ['managerOfManagers', 'orgViewer']],
  [`/v/${D}/`, ['orgViewer']],
  [`/v/${D}/pages.json`, ['orgViewer']],
  [`/v/${D}/data-quality/`, ['manager', 'managerOfManagers', 'orgViewer']],
  [`/v/${D}/kpis/`, ['ae', 'manager', 'managerOfManagers', 'orgViewer']],
  ['/latest/ae/A1/', ['ae', 'manager', 'orgViewer']],
  [`/nav/${D}/next/team/M3/`, ['managerOfManagers', 'orgViewer']],
  ['/versions/', ['ae', 'manager', 'managerOfManagers', 'orgViewer']],
  ['/_access/latest.json', []],
  [`/_access/v/${D}.json`, []],
];

describe('the gate decides with the access rule', () => {
  it.each(PATHS.flatMap(([path, allowed]) => Object.keys(VIEWERS).map((who) => [who, path, allowed.includes(who)] as const)))(
    '%s %s → let through: %s',
    async (who, path, allowed) => {
      const result = await handleViewerRequest(request(path, VIEWERS[who]!), deps());

      if (allowed) {
        expect(result).toEqual(expect.objectContaining({ method: 'GET' }));
        expect((result as CloudFrontRequest).uri).toMatch(/(index\.html|\.json)$/);
      } else {
        expect((result as CloudFrontResultResponse).status).toBe('403');
      }
    },
  );

  it('asks for the list of the version in the path, or the newest for latest/', async () => {
    const d = deps();
    await handleViewerRequest(request(`/nav/${D}/previous/ae/A1/`, VIEWERS.ae!), d);
    await handleViewerRequest(request('/latest/ae/A1/', VIEWERS.ae!), d);
    await handleViewerRequest(request('/_access/latest.json', VIEWERS.ae!), d);

    expect(d.asked).toEqual([D, 'latest']);
  });

  it('takes an AE from / straight to their own page of the newest version', async () => {
    const response = (await handleViewerRequest(request('/', VIEWERS.ae!), deps())) as CloudFrontResultResponse;

    expect(response.status).toBe('302');
    expect(response.headers?.location?.[0]?.value).toBe(`/v/${D}/ae/A1/`);
  });

  it('links a refused AE to their own page', async () => {
    const response = (await handleViewerRequest(request(`/v/${D}/`, VIEWERS.ae!), deps())) as CloudFrontResultResponse;

    expect(response.status).toBe('403');
    expect(response.body).toContain(`href="/v/${D}/ae/A1/"`);
    expect(response.headers?.['cache-control']?.[0]?.value).toBe('no-store');
  });

  it('never binds a CRM user by e-mail: an AE without the admin-set attribute opens nothing of theirs', async () => {
    const response = (await handleViewerRequest(
      request(`/v/${D}/ae/A1/`, { email: 'a1@example.com', email_verified: true }),
      deps(),
    )) as CloudFrontResultResponse;

    expect(response.status).toBe('403');
  });

  it('takes no org viewer from an unverified e-mail', async () => {
    const response = (await handleViewerRequest(request(`/v/${D}/`, { email: 'cfo@example.com', email_verified: false }), deps())) as CloudFrontResultResponse;

    expect(response.status).toBe('403');
  });

  it('fails closed with 503 when the access list cannot be read', async () => {
    const response = (await handleViewerRequest(request(`/v/${D}/ae/A1/`, VIEWERS.ae!), deps(() => undefined))) as CloudFrontResultResponse;

    expect(response.status).toBe('503');
  });

  it('refuses a version whose list is another version’s', async () => {
    const other = buildAccessList('2026-11-25', ORG, { orgViewers: [], aeSeesTeam: false });
    const response = (await handleViewerRequest(request(`/v/${D}/ae/A1/`, VIEWERS.ae!), deps(() => other))) as CloudFrontResultResponse;

    expect(response.status).toBe('403');
  });
});

describe('the return path after sign-in', () => {
  it.each(['/v/x/\r\nSet-Cookie: a=b', '/\t/evil.example', '/v/\u0000', '/a\u007f'])('rejects control characters in %j', (path) => {
    expect(safeReturnPath(path)).toBe('/');
  });

  it('keeps an ordinary path with its query', () => {
    expect(safeReturnPath('/v/2026-11-26/team/x/?a=1')).toBe('/v/2026-11-26/team/x/?a=1');
  });
});

describe('the gate’s cache of what it fetches', () => {
  const good = (value: string[]) => value.length > 0;

  it('caches only a good value and keeps the last good one when a refresh fails', async () => {
    const cache = new LastGood<string[]>({ maxAgeMs: 1000, retryMs: 100 });
    expect(await cache.get('k', async () => [], good, 0)).toBeUndefined();
    expect(await cache.get('k', async () => ['a'], good, 200)).toEqual(['a']);
    // fresh: not fetched again
    expect(await cache.get('k', async () => ['b'], good, 500)).toEqual(['a']);
    // stale, and the refresh throws or brings nothing good: the last good one
    expect(await cache.get('k', async () => Promise.reject(new Error('down')), good, 1300)).toEqual(['a']);
    expect(await cache.get('k', async () => [], good, 1500)).toEqual(['a']);
    // a later good refresh replaces it
    expect(await cache.get('k', async () => ['c'], good, 1700)).toEqual(['c']);
  });

  it('waits before asking again after a failure', async () => {
    const cache = new LastGood<string[]>({ maxAgeMs: 1000, retryMs: 100 });
    let calls = 0;
    const failing = async () => {
      calls += 1;
      throw new Error('down');
    };
    await cache.get('k', failing, good, 0);
    await cache.get('k', failing, good, 50);
    expect(calls).toBe(1);
    await cache.get('k', failing, good, 150);
    expect(calls).toBe(2);
  });

  it('gives up on a fetch that does not answer in time', async () => {
    const hanging: typeof fetch = (_url, init) =>
      new Promise((_done, fail) => init?.signal?.addEventListener('abort', () => fail(init.signal?.reason as Error)));

    await expect(fetchWithTimeout('https://example.com/jwks.json', 20, hanging)).rejects.toThrow(/timeout|abort/i);
  });
});
