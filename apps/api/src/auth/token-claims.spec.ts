import {
  actorFromClaims,
  CLOCK_SKEW_SECONDS,
  InvalidTokenError,
  UNAUTHENTICATED,
} from './token-claims';

const NOW = 1_800_000_000;
const MAX = 8 * 3600;
const valid = {
  sub: 'coord-1',
  municipality: '142042',
  roles: ['coordinator'],
  iat: NOW - 60,
  exp: NOW + 600,
};
const refused = (claims: Record<string, unknown>) => {
  try {
    actorFromClaims(claims, NOW, MAX);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidTokenError);
    expect((error as Error).message).toBe(UNAUTHENTICATED);
    return (error as InvalidTokenError).detail;
  }
  throw new Error(`accepted ${JSON.stringify(claims)}`);
};

describe('actorFromClaims', () => {
  it('makes the actor of well-formed claims', () => {
    expect(actorFromClaims({ ...valid, agency: 'houkatsu-kamakura' }, NOW, MAX)).toEqual({
      id: 'coord-1',
      kind: 'person',
      roles: ['coordinator'],
      municipality: '142042',
      agency: 'houkatsu-kamakura',
    });
    expect(actorFromClaims({ ...valid, service: true }, NOW, MAX).kind).toBe('service');
  });

  it('refuses a municipality that is not six digits, such as one holding a quote', () => {
    for (const municipality of ["142042' OR 'a'='a", '14204', '1420421', '１４２０４２', 142042]) {
      expect(refused({ ...valid, municipality })).toBe('municipality');
    }
  });

  it('refuses agencies that are not codes, unknown roles and subjects beyond the audit log', () => {
    expect(refused({ ...valid, agency: 'a b' })).toBe('agency');
    expect(refused({ ...valid, agency: 'x'.repeat(101) })).toBe('agency');
    expect(refused({ ...valid, roles: ['coordinator', 'root'] })).toBe('roles');
    expect(refused({ ...valid, roles: 'coordinator' })).toBe('roles');
    expect(refused({ ...valid, sub: 'x'.repeat(201) })).toBe('sub');
    expect(refused({ ...valid, sub: 'a\u0000b' })).toBe('sub');
    expect(refused({ ...valid, service: 'yes' })).toBe('service');
  });

  it('refuses a token issued in the future, beyond the clock skew', () => {
    expect(actorFromClaims({ ...valid, iat: NOW + CLOCK_SKEW_SECONDS }, NOW, MAX).id).toBe(
      'coord-1',
    );
    expect(refused({ ...valid, iat: NOW + CLOCK_SKEW_SECONDS + 1 })).toBe('iat in the future');
    expect(refused({ ...valid, iat: undefined })).toBe('iat and exp');
  });

  it('refuses a lifetime or an age beyond the maximum, whatever exp says', () => {
    expect(refused({ ...valid, iat: NOW, exp: NOW + 10 * 365 * 86_400 })).toBe(
      'lifetime beyond the maximum',
    );
    expect(actorFromClaims({ ...valid, iat: NOW, exp: NOW + MAX }, NOW, MAX).id).toBe('coord-1');
    expect(refused({ ...valid, iat: NOW - MAX - CLOCK_SKEW_SECONDS - 1, exp: NOW + 60 })).toBe(
      'lifetime beyond the maximum',
    );
  });
});
