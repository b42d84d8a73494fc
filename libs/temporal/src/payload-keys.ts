import { ValueError } from '@temporalio/common';

export interface PayloadKey {
  id: string;
  key: Buffer;
}

/** One municipality's keys: the first encrypts, all of them decrypt (rotation). */
export interface KeyRing {
  current: PayloadKey;
  byId: ReadonlyMap<string, Buffer>;
}

/** Key rings by municipality code. */
export type PayloadKeyRings = ReadonlyMap<string, KeyRing>;

/**
 * Parses `municipality:keyId:base64key[,...]`. Each municipality's first key encrypts; a new key
 * is rotated in by listing it before the old ones, which stay to read older histories.
 */
export function parsePayloadKeys(spec: string): PayloadKeyRings {
  const rings = new Map<string, { current: PayloadKey; byId: Map<string, Buffer> }>();
  for (const entry of spec.split(',')) {
    const [municipality, id, encoded, ...rest] = entry.trim().split(':');
    const key = Buffer.from(encoded ?? '', 'base64');
    if (!/^\d{6}$/.test(municipality) || !id || rest.length > 0) {
      throw new ValueError(
        `payload key '${entry.split(':', 2).join(':')}' is not municipality:keyId:key`,
      );
    }
    if (key.length !== 32)
      throw new ValueError(`payload key '${municipality}:${id}' is not 32 bytes`);
    const ring = rings.get(municipality) ?? { current: { id, key }, byId: new Map() };
    if (ring.byId.has(id))
      throw new ValueError(`payload key '${municipality}:${id}' is listed twice`);
    ring.byId.set(id, key);
    rings.set(municipality, ring);
  }
  return rings;
}
