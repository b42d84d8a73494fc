import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Connection } from '@temporalio/client';
import { ApiEnvironment } from '@sss/config';
import { parsePayloadKeys, PayloadCipher, temporalConnectionOptions } from '@sss/temporal';
import { CaseClients } from './case-clients';

/** One Temporal connection for the whole API, closed on shutdown, and its clients. */
@Global()
@Module({
  providers: [
    {
      provide: Connection,
      inject: [ApiEnvironment],
      useFactory: (env: ApiEnvironment) => Connection.connect(temporalConnectionOptions(env)),
    },
    {
      provide: PayloadCipher,
      inject: [ApiEnvironment],
      useFactory: (env: ApiEnvironment) => new PayloadCipher(parsePayloadKeys(env.PAYLOAD_KEYS)),
    },
    {
      provide: CaseClients,
      inject: [Connection, ApiEnvironment, PayloadCipher],
      useFactory: (connection: Connection, env: ApiEnvironment, cipher: PayloadCipher) =>
        new CaseClients(connection, env.TEMPORAL_NAMESPACE, cipher),
    },
  ],
  exports: [CaseClients, Connection, PayloadCipher],
})
export class TemporalClientModule implements OnApplicationShutdown {
  constructor(@Inject(Connection) private readonly connection: Connection) {}

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
