import {
  defaultPayloadConverter,
  Payload,
  PayloadCodec,
  SerializationContext,
  ValueError,
} from '@temporalio/common';
import { caseIdOfWorkflow } from '@sss/domain';
import type { RefusedPayload } from '@sss/workflows/client';
import { PayloadCipher, PayloadRefused } from './payload-cipher';

/** The case a payload belongs to: that of the workflow (or its activity) it is sent to or from. */
export function caseOfContext(context?: SerializationContext): string | undefined {
  return context?.workflowId ? caseIdOfWorkflow(context.workflowId) : undefined;
}

/**
 * The API's codec, one per municipality: it seals what it sends to a case's workflows with that
 * municipality's key, bound to the case, and reads only that municipality's payloads, so a client
 * built for one municipality cannot read another's case even if asked to.
 */
export class MunicipalityPayloadCodec implements PayloadCodec {
  constructor(
    private readonly cipher: PayloadCipher,
    private readonly municipality: string,
  ) {
    if (!cipher.hasKeysFor(municipality)) {
      throw new ValueError(`no payload keys for municipality ${municipality}`);
    }
  }

  async encode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    if (payloads.length === 0) return payloads;
    const caseId = caseOfContext(context);
    if (!caseId) throw new PayloadRefused('payloads are only sent to case workflows');
    return payloads.map((p) =>
      this.cipher.seal(p, { municipality: this.municipality, caseId, origin: 'api' }),
    );
  }

  async decode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    const caseId = caseOfContext(context);
    return payloads.map((p) => {
      // Failures without details and empty results come back unsealed; they carry no case data.
      if (!this.cipher.label(p)) return p;
      const opened = this.cipher.open(p);
      if (opened.label.municipality !== this.municipality) {
        throw new PayloadRefused(`payload belongs to another municipality`);
      }
      if (caseId && opened.label.caseId !== caseId) {
        throw new PayloadRefused(`payload belongs to another case`);
      }
      return opened.payload;
    });
  }
}

/** How many cases' municipalities the worker keeps in mind (a forgotten one is relearnt). */
const REMEMBERED_CASES = 100_000;

/**
 * The worker's codec. It lets through only payloads sealed for the case of the workflow they
 * reach, by the API or the worker itself, under the municipality the case started in; anything
 * else (a plain payload sent with the Temporal CLI, a payload copied from another case, one the
 * codec server made) reaches the workflow as a RefusedPayload, which it records nothing from.
 * Its own output is sealed for the case's municipality, learnt from the case's first payload
 * (a workflow is always activated with its input before it produces anything).
 */
export class WorkerPayloadCodec implements PayloadCodec {
  private readonly municipalities = new Map<string, string>();

  constructor(
    private readonly cipher: PayloadCipher,
    /** Told of each refusal (an attempt around the API is worth an operator's look). */
    private readonly onRefused: (reason: string, workflowId?: string) => void = () => undefined,
  ) {}

  async encode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    if (payloads.length === 0) return payloads;
    const caseId = caseOfContext(context);
    const municipality = caseId && this.municipalities.get(caseId);
    // Throwing fails the workflow task; its retry replays from the input, which relearns it.
    if (!caseId || !municipality) throw new PayloadRefused('payload of an unknown case');
    return payloads.map((p) => this.cipher.seal(p, { municipality, caseId, origin: 'worker' }));
  }

  async decode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    return payloads.map((p) => {
      try {
        return this.admit(p, caseOfContext(context));
      } catch (error) {
        if (!(error instanceof PayloadRefused)) throw error;
        this.onRefused(error.message, context?.workflowId);
        const refused: RefusedPayload = { refusedPayload: error.message };
        return defaultPayloadConverter.toPayload(refused);
      }
    });
  }

  private admit(payload: Payload, caseId: string | undefined): Payload {
    if (!caseId) throw new PayloadRefused('the worker runs case workflows only');
    const { payload: plain, label } = this.cipher.open(payload);
    if (label.origin !== 'api' && label.origin !== 'worker') {
      throw new PayloadRefused('payload was not sent through the API');
    }
    if (label.caseId !== caseId) throw new PayloadRefused('payload was sealed for another case');
    const known = this.municipalities.get(caseId);
    if (known && known !== label.municipality) {
      throw new PayloadRefused('payload was sealed for another municipality');
    }
    this.remember(caseId, label.municipality);
    return plain;
  }

  private remember(caseId: string, municipality: string): void {
    this.municipalities.delete(caseId);
    this.municipalities.set(caseId, municipality);
    if (this.municipalities.size > REMEMBERED_CASES) {
      this.municipalities.delete(this.municipalities.keys().next().value as string);
    }
  }
}
