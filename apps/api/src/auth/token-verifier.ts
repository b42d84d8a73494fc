import { Injectable } from '@nestjs/common';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  JSONWebKeySet,
  jwtVerify,
  JWTVerifyGetKey,
} from 'jose';
import { ApiEnvironment } from '@sss/config';
import { Actor, Role, ROLES } from '@sss/domain';

export class InvalidTokenError extends Error {}

export interface VerifiedToken {
  actor: Actor;
  expiresAt: Date;
}

/**
 * Verifies bearer tokens (JWT) against the configured issuer, audience and keys, so any OIDC
 * provider can be plugged in. Claims: `sub`, `roles`, `municipality`, optional `agency`, and
 * `service: true` for a machine client's service account.
 */
@Injectable()
export class TokenVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(private readonly env: ApiEnvironment) {
    this.keys = env.AUTH_JWKS_URL
      ? createRemoteJWKSet(new URL(env.AUTH_JWKS_URL))
      : createLocalJWKSet(JSON.parse(env.AUTH_JWKS ?? '{}') as JSONWebKeySet);
  }

  async verify(token: string): Promise<VerifiedToken> {
    let claims: Record<string, unknown>;
    try {
      ({ payload: claims } = await jwtVerify(token, this.keys, {
        issuer: this.env.AUTH_ISSUER,
        audience: this.env.AUTH_AUDIENCE,
      }));
    } catch {
      throw new InvalidTokenError('token is invalid or expired');
    }
    const { sub, municipality, agency, roles, service, exp } = claims;
    if (typeof sub !== 'string' || typeof municipality !== 'string' || typeof exp !== 'number') {
      throw new InvalidTokenError('token lacks sub, municipality or exp');
    }
    const actor: Actor = {
      id: sub,
      kind: service === true ? 'service' : 'person',
      roles: (Array.isArray(roles) ? roles : []).filter((r): r is Role => ROLES.includes(r)),
      municipality,
      agency: typeof agency === 'string' ? agency : undefined,
    };
    return { actor, expiresAt: new Date(exp * 1000) };
  }
}
