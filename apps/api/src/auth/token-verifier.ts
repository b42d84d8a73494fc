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

/**
 * How long a token whose signature was checked is taken again without checking it: a key taken
 * out of the JWKS is no longer trusted after this, and a token never beyond its expiry.
 */
export const REVERIFY_AFTER_MS = 60_000;
/** Tokens remembered at most: an office's callers many times over; the oldest go first. */
const REMEMBERED = 10_000;

export interface VerifiedToken {
  actor: Actor;
  expiresAt: Date;
}

/**
 * Verifies bearer tokens (JWT) against the configured issuer, audience and keys, so any OIDC
 * provider can be plugged in; the claims are then checked by `actorFromClaims`, on every request.
 * A caller sends the same token many times: its signature is checked again only after
 * REVERIFY_AFTER_MS. Why a token failed stays here: every failure is the same 401 to the caller.
 */
@Injectable()
export class TokenVerifier {
  private readonly keys: JWTVerifyGetKey;
  /** Claims of tokens whose signature was checked, and until when they are taken without. */
  private readonly verified = new Map<string, { claims: Record<string, unknown>; until: number }>();

  constructor(private readonly env: ApiEnvironment) {
    this.keys = env.AUTH_JWKS_URL
      ? createRemoteJWKSet(new URL(env.AUTH_JWKS_URL))
      : createLocalJWKSet(JSON.parse(env.AUTH_JWKS ?? '{}') as JSONWebKeySet);
  }

  async verify(token: string): Promise<VerifiedToken> {
    const now = Date.now();
    const claims = this.remembered(token, now) ?? (await this.checked(token, now));
    const actor = actorFromClaims(
      claims,
      Math.floor(now / 1000),
      this.env.AUTH_MAX_TOKEN_AGE_SECONDS,
    );
    return { actor, expiresAt: new Date((claims.exp as number) * 1000) };
  }

  private remembered(token: string, now: number): Record<string, unknown> | undefined {
    const entry = this.verified.get(token);
    if (entry && now < entry.until) return entry.claims;
    if (entry) this.verified.delete(token);
    return undefined;
  }

  /** The claims of a token whose signature, issuer, audience and times hold; remembered. */
  private async checked(token: string, now: number): Promise<Record<string, unknown>> {
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
    // Taken again only while jwtVerify would take it: before its expiry, within the tolerance.
    const expires = ((claims.exp as number) + CLOCK_SKEW_SECONDS) * 1000;
    if (this.verified.size >= REMEMBERED) {
      this.verified.delete(this.verified.keys().next().value as string);
    }
    this.verified.set(token, { claims, until: Math.min(now + REVERIFY_AFTER_MS, expires) });
    return claims;
  }
}
