import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { ApiEnvironment } from '@sss/config';
import { caseDataConverter } from '@sss/temporal';

/** One Temporal connection and client for the whole API, closed on shutdown. */
@Global()
@Module({
  providers: [
    {
      provide: Connection,
      inject: [ApiEnvironment],
      useFactory: (env: ApiEnvironment) => Connection.connect({ address: env.TEMPORAL_ADDRESS }),
    },
    {
      provide: Client,
      inject: [Connection, ApiEnvironment],
      useFactory: (connection: Connection, env: ApiEnvironment) =>
        new Client({
          connection,
          namespace: env.TEMPORAL_NAMESPACE,
          dataConverter: caseDataConverter(env.PAYLOAD_KEYS),
        }),
    },
  ],
  exports: [Client, Connection],
})
export class TemporalClientModule implements OnApplicationShutdown {
  constructor(@Inject(Connection) private readonly connection: Connection) {}

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
