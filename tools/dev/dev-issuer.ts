import fs from 'node:fs';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, JWK, SignJWT } from 'jose';
import type { Role } from '@sss/domain';

/**
 * A stand-in for the municipality's OIDC provider in development and tests: an ES256 key pair
 * whose public half the API is configured with (AUTH_JWKS), and tokens signed with the private half.
 */
export const DEV_ISSUER = 'sss-dev-issuer';
export const DEV_AUDIENCE = 'sss-api';

export interface TokenSubject {
  id: string;
  roles: Role[];
  municipality: string;
  agency?: string;
  service?: boolean;
}

export interface DevIssuer {
  jwks: string;
  sign(subject: TokenSubject, ttl?: string): Promise<string>;
}

/** Loads the issuer key from `keyFile`, making it on first use. */
export async function devIssuer(keyFile: string): Promise<DevIssuer> {
  if (!fs.existsSync(keyFile)) {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const jwk = { ...(await exportJWK(privateKey)), kid: `dev-${Date.now()}`, alg: 'ES256' };
    fs.mkdirSync(path.dirname(keyFile), { recursive: true });
    fs.writeFileSync(keyFile, JSON.stringify(jwk), { mode: 0o600 });
  }
  const privateJwk = JSON.parse(fs.readFileSync(keyFile, 'utf8')) as JWK;
  const { d: _private, ...publicJwk } = privateJwk;
  const key = await importJWK(privateJwk, 'ES256');
  return {
    jwks: JSON.stringify({ keys: [publicJwk] }),
    sign: (subject, ttl = '8h') =>
      new SignJWT({
        roles: subject.roles,
        municipality: subject.municipality,
        ...(subject.agency ? { agency: subject.agency } : {}),
        ...(subject.service ? { service: true } : {}),
      })
        .setProtectedHeader({ alg: 'ES256', kid: privateJwk.kid })
        .setSubject(subject.id)
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(ttl)
        .sign(key),
  };
}
