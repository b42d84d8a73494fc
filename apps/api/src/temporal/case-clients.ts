import { ServiceUnavailableException } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { MunicipalityPayloadCodec, PayloadCipher } from '@sss/temporal';
import { tracingClientInterceptors } from '@sss/temporal/tracing';

/**
 * One Temporal client per municipality on the one connection. Each seals what it sends with its
 * municipality's keys and reads only its municipality's payloads: the API talks to a case with
 * the client of the case's stored municipality, never of one a request names.
 */
export class CaseClients {
  private readonly clients = new Map<string, Client>();

  constructor(
    /** For deadlines and abort signals, which every municipality's client shares. */
    readonly connection: Connection,
    private readonly namespace: string,
    private readonly cipher: PayloadCipher,
  ) {}

  for(municipality: string): Client {
    let client = this.clients.get(municipality);
    if (!client) {
      if (!this.cipher.hasKeysFor(municipality)) {
        throw new ServiceUnavailableException(
          `municipality ${municipality} has no payload keys in this deployment (PAYLOAD_KEYS)`,
        );
      }
      client = new Client({
        connection: this.connection,
        namespace: this.namespace,
        dataConverter: { payloadCodecs: [new MunicipalityPayloadCodec(this.cipher, municipality)] },
        interceptors: tracingClientInterceptors(),
      });
      this.clients.set(municipality, client);
    }
    return client;
  }
}
