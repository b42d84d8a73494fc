import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { AesGcmPayloadCodec, parsePayloadKeys } from './payload-codec';

const key = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;
const personal = { householdName: '鎌倉 太郎', summary: '認知症の父' };

describe('AesGcmPayloadCodec', () => {
  const k1 = key('k1');
  const codec = new AesGcmPayloadCodec(parsePayloadKeys(k1));

  it('encrypts so that no personal string stays readable, and decrypts back', async () => {
    const payload = defaultPayloadConverter.toPayload(personal);
    const [encoded] = await codec.encode([payload]);
    const raw = Buffer.from(encoded.data ?? []).toString('utf8');
    expect(raw).not.toContain('鎌倉');
    expect(raw).not.toContain('householdName');
    const [decoded] = await codec.decode([encoded]);
    expect(defaultPayloadConverter.fromPayload(decoded)).toEqual(personal);
  });

  it('still reads payloads written with an older key after a new key is put first', async () => {
    const [old] = await codec.encode([defaultPayloadConverter.toPayload(personal)]);
    const rotated = new AesGcmPayloadCodec(parsePayloadKeys(`${key('k2')},${k1}`));
    const [decoded] = await rotated.decode([old]);
    expect(defaultPayloadConverter.fromPayload(decoded)).toEqual(personal);
    const [fresh] = await rotated.encode([defaultPayloadConverter.toPayload(personal)]);
    expect(Buffer.from(fresh.metadata?.['encryption-key-id'] ?? []).toString()).toBe('k2');
  });

  it('refuses a payload whose key it does not hold', async () => {
    const [encoded] = await codec.encode([defaultPayloadConverter.toPayload(personal)]);
    const stranger = new AesGcmPayloadCodec(parsePayloadKeys(key('k9')));
    await expect(stranger.decode([encoded])).rejects.toThrow("no payload key with id 'k1'");
  });

  it('refuses a tampered payload', async () => {
    const [encoded] = await codec.encode([defaultPayloadConverter.toPayload(personal)]);
    const data = Buffer.from(encoded.data ?? []);
    data[20] ^= 0xff;
    await expect(codec.decode([{ ...encoded, data }])).rejects.toThrow();
  });
});
