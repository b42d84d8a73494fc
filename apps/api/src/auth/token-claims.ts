import { ACTOR_ID, Actor, AGENCY_CODE, MUNICIPALITY_CODE, Role, ROLES } from '@sss/domain';

/** Clocks of the issuer and the API may differ this much. */
export const CLOCK_SKEW_SECONDS = 60;

/** The one 401 message, for a missing token and for every way a token fails. */
export const UNAUTHENTICATED = 'a valid bearer token is required';

/** A token refused; `detail` says why, for the server only, and the message is always the same. */
export class InvalidTokenError extends Error {
  constructor(readonly detail: string) {
    super(UNAUTHENTICATED);
  }
}

/**
 * The actor a verified token's claims describe, when every claim is well formed and the token's
 * lifetime fits the deployment's maximum: `sub`, `municipality` (six digits), optional `agency`
 * (a code), `roles` (only known ones), `service: true` for a machine client, and `iat` (not in
 * the future) and `exp` with `exp - iat` at most `maxAgeSeconds`. The claims end up in audit rows,
 * SQL parameters and visibility queries, so nothing else gets past here.
 */
export function actorFromClaims(
  claims: Record<string, unknown>,
  nowSeconds: number,
  maxAgeSeconds: number,
): Actor {
  const { sub, municipality, agency, roles, service, iat, exp } = claims;
  const problem = (what: string): never => {
    throw new InvalidTokenError(what);
  };
  if (typeof sub !== 'string' || !ACTOR_ID.test(sub)) problem('sub');
  if (typeof municipality !== 'string' || !MUNICIPALITY_CODE.test(municipality)) {
    problem('municipality');
  }
  if (agency !== undefined && (typeof agency !== 'string' || !AGENCY_CODE.test(agency))) {
    problem('agency');
  }
  if (!Array.isArray(roles) || !roles.every((r): r is Role => ROLES.includes(r))) problem('roles');
  if (service !== undefined && typeof service !== 'boolean') problem('service');
  if (typeof iat !== 'number' || typeof exp !== 'number') return problem('iat and exp');
  if (iat > nowSeconds + CLOCK_SKEW_SECONDS) problem('iat in the future');
  // With `exp` checked by the signature's verifier, this also bounds the token's age.
  if (exp - iat > maxAgeSeconds) problem('lifetime beyond the maximum');
  return {
    id: sub as string,
    kind: service === true ? 'service' : 'person',
    roles: [...new Set(roles as Role[])],
    municipality: municipality as string,
    ...(agency !== undefined ? { agency: agency as string } : {}),
  };
}
