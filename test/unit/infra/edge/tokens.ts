import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { Jwk } from '../../../../infra/edge/jwt.ts';

/** A signing key of a pretend user pool, and its public JWK as Cognito publishes it. */
export function poolKey(kid = 'key-1'): { privateKey: KeyObject; jwk: Jwk } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' } };
}

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWT signed like Cognito's ID tokens (RS256), with the given claims. */
export function signToken(privateKey: KeyObject, claims: Record<string, unknown>, kid = 'key-1'): string {
  const head = `${part({ alg: 'RS256', kid })}.${part(claims)}`;
  return `${head}.${sign('RSA-SHA256', Buffer.from(head), privateKey).toString('base64url')}`;
}
