import { beforeAll, describe, expect, it } from 'vitest';
import { tokenKeyId, verifyIdToken, type Jwk } from '../../../../infra/edge/jwt.ts';
import { poolKey, signToken } from './tokens.ts';

const issuer = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_pool';
const check = { issuer, clientId: 'client-1', now: 1_800_000_000 };
const claims = { sub: 'user-1', email: 'ana@example.com', iss: issuer, aud: 'client-1', token_use: 'id', exp: check.now + 3600 };

describe('verifyIdToken', () => {
  let key: ReturnType<typeof poolKey>;
  let other: ReturnType<typeof poolKey>;
  beforeAll(() => {
    key = poolKey('key-1');
    other = poolKey('key-1');
  });

  it('accepts an ID token of the pool for the site', () => {
    const token = signToken(key.privateKey, claims);

    expect(verifyIdToken(token, [key.jwk], check)).toEqual({ sub: 'user-1', email: 'ana@example.com', exp: claims.exp });
    expect(tokenKeyId(token)).toBe('key-1');
  });

  it.each([
    ['expired', { ...claims, exp: check.now }],
    ['for another client', { ...claims, aud: 'client-2' }],
    ['from another pool', { ...claims, iss: `${issuer}x` }],
    ['an access token', { ...claims, token_use: 'access' }],
    ['without a subject', { ...claims, sub: undefined }],
  ])('rejects a token that is %s', (_what, body) => {
    expect(verifyIdToken(signToken(key.privateKey, body), [key.jwk], check)).toBeUndefined();
  });

  it('rejects a token signed by another key with the same kid, or by a key the pool does not have', () => {
    expect(verifyIdToken(signToken(other.privateKey, claims), [key.jwk], check)).toBeUndefined();
    expect(verifyIdToken(signToken(key.privateKey, claims, 'key-9'), [key.jwk], check)).toBeUndefined();
  });

  it('rejects a token whose claims were changed after signing', () => {
    const [head, , signature] = signToken(key.privateKey, claims).split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'admin' })).toString('base64url');

    expect(verifyIdToken(`${head}.${forged}.${signature}`, [key.jwk], check)).toBeUndefined();
  });

  it.each(['', 'abc', 'a.b', 'a.b.c', '{}.{}.{}'])('rejects %j without throwing', (token) => {
    expect(verifyIdToken(token, [key.jwk] as Jwk[], check)).toBeUndefined();
    expect(tokenKeyId(token)).toBeUndefined();
  });
});
