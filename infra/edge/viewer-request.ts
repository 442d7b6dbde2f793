import type {
  CloudFrontHeaders,
  CloudFrontRequest,
  CloudFrontRequestEvent,
  CloudFrontRequestResult,
  CloudFrontResultResponse,
} from 'aws-lambda';
import { accessKey, EDGE_ACCESS_PREFIX, parseAccessList } from '../../functions/access/keys.ts';
import { forbiddenPage } from '../../functions/access/forbidden-page.ts';
import { accessListFor, decide, homePage, rootRedirect, type AccessList, type ListNeed, type Viewer } from '../../functions/access/rule.ts';
import { issuerOf, parseEdgeAuthConfig, type EdgeAuthConfig } from './auth-config.ts';
import { clearCookie, parseCookies, setCookie } from './cookies.ts';
import { indexUri } from './directory-index.ts';
import { tokenKeyId, verifyIdToken, type IdClaims, type Jwk } from './jwt.ts';
import { fetchWithTimeout, LastGood } from './last-good.ts';
import {
  authorizeUrl,
  CALLBACK_PATH,
  decodeState,
  encodeState,
  exchangeCode,
  logoutUrl,
  newSignInAttempt,
  SIGN_OUT_PATH,
  type SignInAttempt,
  type Tokens,
} from './oauth.ts';

/** The viewer's ID token: the only thing that lets a request through (`__Host-`: this host only, HTTPS, path /). */
export const ID_COOKIE = '__Host-scorecard_id';
/** The PKCE verifier and nonce of a sign-in in progress (10 minutes). */
export const ATTEMPT_COOKIE = '__Host-scorecard_signin';

/** What the function reaches outside itself, so that tests can stand in for Cognito and SSM. */
export interface EdgeDeps {
  config(): Promise<EdgeAuthConfig>;
  /** the pool's signing keys; `kid` is the one a token names (refetch when unknown) */
  keys(config: EdgeAuthConfig, kid: string | undefined): Promise<Jwk[]>;
  exchange(config: EdgeAuthConfig, code: string, redirectUri: string, verifier: string): Promise<Tokens>;
  /** the access list a path needs (functions/access/rule.ts), undefined when it cannot be had */
  accessList(config: EdgeAuthConfig, need: Exclude<ListNeed, { kind: 'none' }>): Promise<AccessList | undefined>;
  /** seconds since the epoch */
  now(): number;
  attempt(): SignInAttempt;
}

// Generated responses get the headers the distribution's policy gives S3's.
const SECURITY_HEADERS: CloudFrontHeaders = {
  'cache-control': [{ key: 'Cache-Control', value: 'no-store' }],
  'strict-transport-security': [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }],
  'referrer-policy': [{ key: 'Referrer-Policy', value: 'no-referrer' }],
  'x-content-type-options': [{ key: 'X-Content-Type-Options', value: 'nosniff' }],
};

function redirect(location: string, cookies: string[] = []): CloudFrontResultResponse {
  return {
    status: '302',
    statusDescription: 'Found',
    headers: {
      ...SECURITY_HEADERS,
      location: [{ key: 'Location', value: location }],
      ...(cookies.length ? { 'set-cookie': cookies.map((value) => ({ key: 'Set-Cookie', value })) } : {}),
    },
  };
}

function page(status: string, text: string): CloudFrontResultResponse {
  return {
    status,
    headers: { ...SECURITY_HEADERS, 'content-type': [{ key: 'Content-Type', value: 'text/html; charset=utf-8' }] },
    body: `<!doctype html><html lang="en"><meta charset="utf-8"><title>Scorecard</title><p>${text}</p><p><a href="/">Sign in again</a></p></html>`,
  };
}

async function callback(request: CloudFrontRequest, origin: string, config: EdgeAuthConfig, deps: EdgeDeps): Promise<CloudFrontResultResponse> {
  const query = new URLSearchParams(request.querystring);
  const code = query.get('code');
  const state = decodeState(query.get('state') ?? '');
  const [verifier, nonce] = (parseCookies(request.headers.cookie).get(ATTEMPT_COOKIE) ?? '').split('.');
  // the nonce ties the callback to the browser that started the sign-in
  if (!code || !state || !verifier || !nonce || state.nonce !== nonce) {
    return page('401', 'The sign-in could not be completed.');
  }
  let tokens: Tokens;
  try {
    tokens = await deps.exchange(config, code, `${origin}${CALLBACK_PATH}`, verifier);
  } catch {
    return page('502', 'The sign-in service did not answer as expected.');
  }
  return redirect(state.returnTo, [setCookie(ID_COOKIE, tokens.id_token, tokens.expires_in), clearCookie(ATTEMPT_COOKIE)]);
}

/**
 * Who the signed-in viewer is: the CRM user of the admin-only attribute,
 * and the e-mail address only when the pool verified it (viewers cannot
 * change their attributes: the app client writes none).
 */
export function viewerOf(claims: IdClaims): Viewer {
  return { userId: claims.crmUserId ?? null, email: claims.emailVerified ? (claims.email ?? null) : null };
}

/** The rule of functions/access/rule.ts on the version's access list: the page, a 403, or a 503 without the list. */
async function authorise(request: CloudFrontRequest, claims: IdClaims, config: EdgeAuthConfig, deps: EdgeDeps): Promise<CloudFrontRequestResult> {
  const viewer = viewerOf(claims);
  const need = accessListFor(request.uri);
  const list = need.kind === 'none' ? undefined : await deps.accessList(config, need);
  const home = rootRedirect(viewer, request.uri, list);
  if (home) return redirect(`/${home}`);
  if (decide(viewer, request.uri, list) === 'allow') return { ...request, uri: indexUri(request.uri) };
  if (need.kind !== 'none' && !list) return page('503', 'The list of who may open this page could not be read. Try again in a minute.');
  const own = list ? homePage(viewer, list) : undefined;
  return {
    status: '403',
    headers: { ...SECURITY_HEADERS, 'content-type': [{ key: 'Content-Type', value: 'text/html; charset=utf-8' }] },
    body: forbiddenPage(own ? `/${own}` : undefined),
  };
}

/**
 * The site's gate, on every viewer request: a valid ID token of the pool
 * lets the request through to S3 (with `/dir/` mapped to `/dir/index.html`)
 * when the access rule lets that viewer open that path, else answers 403;
 * anything else is sent to the hosted UI to sign in, then back to the page
 * it asked for.
 *
 * @example
 * const result = await handleViewerRequest(event.Records[0].cf.request, lambdaDeps());
 */
export async function handleViewerRequest(request: CloudFrontRequest, deps: EdgeDeps): Promise<CloudFrontRequestResult> {
  const host = request.headers.host?.[0]?.value ?? '';
  const origin = `https://${host}`;
  const config = await deps.config();
  if (request.uri === CALLBACK_PATH) return callback(request, origin, config, deps);
  if (request.uri === SIGN_OUT_PATH) return redirect(logoutUrl(config, `${origin}/`), [clearCookie(ID_COOKIE)]);

  const token = parseCookies(request.headers.cookie).get(ID_COOKIE);
  if (token) {
    const keys = await deps.keys(config, tokenKeyId(token));
    const claims = verifyIdToken(token, keys, { issuer: issuerOf(config), clientId: config.clientId, now: deps.now() });
    if (claims) return authorise(request, claims, config, deps);
  }
  const attempt = deps.attempt();
  const returnTo = request.querystring ? `${request.uri}?${request.querystring}` : request.uri;
  return redirect(authorizeUrl(config, `${origin}${CALLBACK_PATH}`, attempt, encodeState(attempt.nonce, returnTo)), [
    setCookie(ATTEMPT_COOKIE, `${attempt.verifier}.${attempt.nonce}`, 600),
  ]);
}

/** Set at bundling time (infra/constructs/site-auth.ts): the SSM parameter holding the EdgeAuthConfig. */
const PARAMETER_NAME = process.env.SCORECARD_EDGE_PARAMETER ?? '';
const PARAMETER_REGION = process.env.SCORECARD_EDGE_PARAMETER_REGION ?? '';
const SSM_MODULE = '@aws-sdk/client-ssm';
const S3_MODULE = '@aws-sdk/client-s3';

interface SsmModule {
  SSMClient: new (options: { region: string }) => {
    send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<{ Parameter?: { Value?: string } }>;
  };
  GetParameterCommand: new (input: { Name: string }) => unknown;
}

interface S3Module {
  S3Client: new (options: { region: string }) => {
    send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<{ Body?: { transformToString(): Promise<string> } }>;
  };
  GetObjectCommand: new (input: { Bucket: string; Key: string }) => unknown;
}

/** How long the gate waits for Cognito's keys or an access list: Lambda@Edge has 5 seconds in all. */
const FETCH_TIMEOUT_MS = 2_000;

/**
 * The real surroundings of the function, cached for the life of the
 * container: the parameter once; the keys for an hour, or sooner when a
 * token names an unknown one; each access list for a minute (a new night's
 * list shows within a minute). Only good values are cached, and the last
 * good one is kept when a refresh fails.
 */
export function lambdaDeps(): EdgeDeps {
  let config: Promise<EdgeAuthConfig> | undefined;
  const keys = new LastGood<Jwk[]>({ maxAgeMs: 3_600_000, retryMs: 10_000 });
  let lastUnknownKid = 0;
  const lists = new LastGood<AccessList>({ maxAgeMs: 60_000, retryMs: 5_000 });
  let s3: InstanceType<S3Module['S3Client']> | undefined;
  let s3Module: S3Module | undefined;
  return {
    config() {
      config ??= (async () => {
        // the Lambda runtime's own SDK: the edge bundle is CommonJS, so require() finds it on NODE_PATH
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- not a project dependency
        const ssm = require(SSM_MODULE) as SsmModule;
        const client = new ssm.SSMClient({ region: PARAMETER_REGION });
        const result = await client.send(new ssm.GetParameterCommand({ Name: PARAMETER_NAME }), { abortSignal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
        return parseEdgeAuthConfig(result.Parameter?.Value ?? '');
      })().catch((error: unknown) => {
        config = undefined;
        throw error;
      });
      return config;
    },
    async keys(pool, kid) {
      const load = async (): Promise<Jwk[]> => {
        const response = await fetchWithTimeout(`${issuerOf(pool)}/.well-known/jwks.json`, FETCH_TIMEOUT_MS);
        if (!response.ok) throw new Error(`jwks answered ${response.status}`);
        const body = (await response.json()) as { keys?: Jwk[] };
        return Array.isArray(body.keys) ? body.keys : [];
      };
      const good = (list: Jwk[]) => list.some((k) => k.kty === 'RSA' && typeof k.kid === 'string');
      const now = Date.now();
      const cached = await keys.get('jwks', load, good, now);
      // a token signed with a key we do not know yet: the pool may have rotated (asked at most once a minute)
      if (kid && !cached?.some((k) => k.kid === kid) && now - lastUnknownKid > 60_000) {
        lastUnknownKid = now;
        return (await keys.get('jwks', load, good, now, true)) ?? [];
      }
      return cached ?? [];
    },
    async accessList(pool, need) {
      const key = accessKey(need, EDGE_ACCESS_PREFIX);
      return lists.get(
        key,
        async () => {
          // eslint-disable-next-line @typescript-eslint/no-require-imports -- the runtime's SDK, as above
          s3Module ??= require(S3_MODULE) as S3Module;
          s3 ??= new s3Module.S3Client({ region: pool.accessRegion });
          const result = await s3.send(new s3Module.GetObjectCommand({ Bucket: pool.accessBucket, Key: key }), {
            abortSignal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
          });
          return parseAccessList(JSON.parse((await result.Body?.transformToString()) ?? ''));
        },
        (list) => need.kind === 'latest' || list.asOf === need.asOf,
        Date.now(),
      );
    },
    exchange: (pool, code, redirectUri, verifier) => exchangeCode(pool, code, redirectUri, verifier),
    now: () => Math.floor(Date.now() / 1000),
    attempt: () => newSignInAttempt(),
  };
}

const deps = lambdaDeps();

/** Lambda@Edge entry (viewer request). */
export async function handler(event: CloudFrontRequestEvent): Promise<CloudFrontRequestResult> {
  const request = event.Records[0]?.cf.request;
  if (!request) throw new Error('not a CloudFront viewer-request event');
  return handleViewerRequest(request, deps);
}
