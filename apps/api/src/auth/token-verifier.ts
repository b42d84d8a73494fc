import { Injectable } from '@nestjs/common';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  JSONWebKeySet,
  jwtVerify,
  JWTVerifyGetKey,
} from 'jose';
import { ApiEnvironment } from '@sss/config';
import { Actor } from '@sss/domain';
import { actorFromClaims, CLOCK_SKEW_SECONDS, InvalidTokenError } from './token-claims';

export { InvalidTokenError, UNAUTHENTICATED } from './token-claims';

export interface VerifiedToken {
  actor: Actor;
  expiresAt: Date;
}

/**
 * Verifies bearer tokens (JWT) against the configured issuer, audience and keys, so any OIDC
 * provider can be plugged in; the claims are then checked by `actorFromClaims`. Why a token
 * failed stays here: every failure is the same 401 to the caller.
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
        clockTolerance: CLOCK_SKEW_SECONDS,
        requiredClaims: ['iat', 'exp', 'sub'],
      }));
    } catch {
      throw new InvalidTokenError('signature, issuer, audience or expiry');
    }
    const now = Math.floor(Date.now() / 1000);
    const actor = actorFromClaims(claims, now, this.env.AUTH_MAX_TOKEN_AGE_SECONDS);
    return { actor, expiresAt: new Date((claims.exp as number) * 1000) };
  }
}
