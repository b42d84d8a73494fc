import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { ApiEnvironment } from '@sss/config';
import { CLOCK_SKEW_SECONDS } from './token-claims';
import { InvalidTokenError, REVERIFY_AFTER_MS, TokenVerifier } from './token-verifier';

const NOW = Date.parse('2026-12-03T01:00:00Z');

async function setUp() {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' };
  const env = {
    AUTH_JWKS: JSON.stringify({ keys: [jwk] }),
    AUTH_ISSUER: 'issuer',
    AUTH_AUDIENCE: 'sss-api',
    AUTH_MAX_TOKEN_AGE_SECONDS: 8 * 3600,
  } as unknown as ApiEnvironment;
  const verifier = new TokenVerifier(env);
  // Each signature check looks its key up: counted here.
  const keys = jest.spyOn(verifier as unknown as { keys: () => unknown }, 'keys');
  const token = (expiresIn = 600) =>
    new SignJWT({ municipality: '142042', roles: ['coordinator'] })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setSubject('coord-1')
      .setIssuer('issuer')
      .setAudience('sss-api')
      .setIssuedAt(Math.floor(Date.now() / 1000))
      .setExpirationTime(Math.floor(Date.now() / 1000) + expiresIn)
      .sign(privateKey);
  return { verifier, keys, token };
}

describe('TokenVerifier', () => {
  beforeEach(() => jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'setImmediate'] }));
  afterEach(() => jest.useRealTimers());

  it("checks a caller's token's signature once, and again only after a while", async () => {
    const { verifier, keys, token } = await setUp();
    const t = await token();
    expect((await verifier.verify(t)).actor.id).toBe('coord-1');
    expect((await verifier.verify(t)).actor.id).toBe('coord-1');
    expect(keys).toHaveBeenCalledTimes(1);
    jest.setSystemTime(NOW + REVERIFY_AFTER_MS);
    await verifier.verify(t);
    expect(keys).toHaveBeenCalledTimes(2);
  });

  it('refuses a remembered token once it has expired, as an unremembered one', async () => {
    const { verifier, token } = await setUp();
    const t = await token(30);
    await verifier.verify(t);
    jest.setSystemTime(NOW + (30 + CLOCK_SKEW_SECONDS) * 1000);
    await expect(verifier.verify(t)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('takes nothing from a remembered token for another, such as one with its payload changed', async () => {
    const { verifier, token } = await setUp();
    const t = await token();
    await verifier.verify(t);
    const [header, payload, signature] = t.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, municipality: '122173' }));
    await expect(
      verifier.verify([header, forged.toString('base64url'), signature].join('.')),
    ).rejects.toBeInstanceOf(InvalidTokenError);
  });
});
