import { Injectable } from '@nestjs/common';
import { METADATA_ENCODING_KEY } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { PayloadCipher } from '@sss/temporal';

/**
 * Seals a note's text with the one cipher the case's payloads use: the municipality's key ring,
 * the case bound in as additional data. A sealed text moved to another case's row, or another
 * municipality's, fails to open instead of showing there.
 */
@Injectable()
export class NoteCipher {
  constructor(private readonly cipher: PayloadCipher) {}

  seal(municipality: string, caseId: string, text: string): Buffer {
    const sealed = this.cipher.seal(
      { metadata: { [METADATA_ENCODING_KEY]: Buffer.from('text/plain') }, data: Buffer.from(text) },
      { municipality, caseId, origin: 'api' },
    );
    return Buffer.from(temporal.api.common.v1.Payload.encode(sealed).finish());
  }

  open(municipality: string, caseId: string, sealed: Buffer): string {
    const { payload, label } = this.cipher.open(temporal.api.common.v1.Payload.decode(sealed));
    if (label.municipality !== municipality || label.caseId !== caseId) {
      throw new Error('a case note sealed for another case');
    }
    return Buffer.from(payload.data ?? []).toString();
  }
}
