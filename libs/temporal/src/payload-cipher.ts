import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, Payload, ValueError } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { PayloadKeyRings } from './payload-keys';

const ENCODING = 'binary/encrypted';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Metadata of a sealed payload, in clear but authenticated (AES-GCM additional data). */
const META = {
  keyId: 'encryption-key-id',
  municipality: 'municipality',
  caseId: 'case-id',
  origin: 'payload-origin',
} as const;

/**
 * Who sealed a payload. The API seals what people do through it and the worker what the case's
 * process produces; the codec server seals for the Temporal Web UI, whose input the worker
 * refuses, since it would be an action that went around the API.
 */
export type PayloadOrigin = 'api' | 'worker' | 'codec-server';

/** What a sealed payload says about itself; trustworthy only once `open` has verified it. */
export interface PayloadLabel {
  municipality: string;
  /** The case whose workflows the payload belongs to; empty for the codec server's. */
  caseId: string;
  origin: PayloadOrigin;
  keyId: string;
}

/** A payload the codec will not let through; the message names why, never its content. */
export class PayloadRefused extends ValueError {}

const text = (payload: Payload, key: string) =>
  Buffer.from(payload.metadata?.[key] ?? []).toString();

/**
 * AES-256-GCM with each municipality's own key ring. The label (municipality, case, origin, key
 * id) is bound to the ciphertext as additional data, so a payload cannot be moved to another
 * case or passed off as the API's without the key.
 */
export class PayloadCipher {
  constructor(private readonly rings: PayloadKeyRings) {}

  hasKeysFor(municipality: string): boolean {
    return this.rings.has(municipality);
  }

  seal(payload: Payload, label: Omit<PayloadLabel, 'keyId'>): Payload {
    const ring = this.rings.get(label.municipality);
    if (!ring) throw new PayloadRefused(`no payload keys for municipality ${label.municipality}`);
    const full = { ...label, keyId: ring.current.id };
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', ring.current.key, iv);
    cipher.setAAD(additionalData(full));
    const plain = temporal.api.common.v1.Payload.encode(payload).finish();
    return {
      metadata: {
        [METADATA_ENCODING_KEY]: Buffer.from(ENCODING),
        [META.keyId]: Buffer.from(full.keyId),
        [META.municipality]: Buffer.from(full.municipality),
        [META.caseId]: Buffer.from(full.caseId),
        [META.origin]: Buffer.from(full.origin),
      },
      data: Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]),
    };
  }

  /** The label of a sealed payload, unverified; undefined for a payload that is not sealed. */
  label(payload: Payload): PayloadLabel | undefined {
    if (text(payload, METADATA_ENCODING_KEY) !== ENCODING) return undefined;
    return {
      municipality: text(payload, META.municipality),
      caseId: text(payload, META.caseId),
      origin: text(payload, META.origin) as PayloadOrigin,
      keyId: text(payload, META.keyId),
    };
  }

  /** Decrypts and verifies a sealed payload; refuses an unsealed, foreign or tampered one. */
  open(payload: Payload): { payload: Payload; label: PayloadLabel } {
    const label = this.label(payload);
    if (!label) throw new PayloadRefused('payload is not encrypted');
    const key = this.rings.get(label.municipality)?.byId.get(label.keyId);
    if (!key) {
      throw new PayloadRefused(
        `no payload key '${label.keyId}' for municipality '${label.municipality}'`,
      );
    }
    const data = Buffer.from(payload.data ?? []);
    if (data.length < IV_BYTES + TAG_BYTES) throw new PayloadRefused('payload is truncated');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
      decipher.setAAD(additionalData(label));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      const plain = Buffer.concat([
        decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)),
        decipher.final(),
      ]);
      return { payload: temporal.api.common.v1.Payload.decode(plain), label };
    } catch {
      throw new PayloadRefused(
        'payload failed authentication (altered, or sealed with another label)',
      );
    }
  }
}

function additionalData(label: PayloadLabel): Buffer {
  return Buffer.from(JSON.stringify([label.municipality, label.keyId, label.caseId, label.origin]));
}
