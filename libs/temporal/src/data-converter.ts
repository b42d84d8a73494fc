import type { DataConverter } from '@temporalio/common';
import { AesGcmPayloadCodec, parsePayloadKeys } from './payload-codec';

/** The one data converter, shared by every client and worker of the case workflows. */
export function caseDataConverter(payloadKeys: string): DataConverter {
  return { payloadCodecs: [new AesGcmPayloadCodec(parsePayloadKeys(payloadKeys))] };
}
