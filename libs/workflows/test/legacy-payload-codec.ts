import { createDecipheriv } from 'node:crypto';
import { METADATA_ENCODING_KEY, Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

/**
 * Reads payloads of the single-key format the product used before keys per municipality
 * (`keyId:base64key`, AES-256-GCM over the encoded payload, iv first, tag last): the evidence
 * histories of issue 19 were recorded in it. Replay only: it encodes nothing.
 */
export function legacyPayloadCodec(keys: string): PayloadCodec {
  const byId = new Map(
    keys.split(',').map((entry) => {
      const [id, key] = entry.split(':');
      return [id, Buffer.from(key, 'base64')] as const;
    }),
  );
  return {
    encode: async (payloads: Payload[]) => payloads,
    decode: async (payloads: Payload[]) =>
      payloads.map((payload) => {
        const encoding = Buffer.from(payload.metadata?.[METADATA_ENCODING_KEY] ?? []).toString();
        if (encoding !== 'binary/encrypted') return payload;
        const keyId = Buffer.from(payload.metadata?.['encryption-key-id'] ?? []).toString();
        const data = Buffer.from(payload.data ?? []);
        const decipher = createDecipheriv('aes-256-gcm', byId.get(keyId)!, data.subarray(0, 12));
        decipher.setAuthTag(data.subarray(data.length - 16));
        const plain = Buffer.concat([
          decipher.update(data.subarray(12, data.length - 16)),
          decipher.final(),
        ]);
        return temporal.api.common.v1.Payload.decode(plain);
      }),
  };
}
