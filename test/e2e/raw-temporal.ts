import { Client, Connection } from '@temporalio/client';
import { TemporalConnectionEnvironment, validateEnvironment } from '@sss/config';
import { temporalConnectionOptions } from '@sss/temporal';

/** The TLS settings the global setup left for its Temporal (the cluster's mTLS; none for dev). */
export function e2eTemporalTls(): Record<string, string> {
  return JSON.parse(process.env.E2E_TEMPORAL_TLS ?? '{}') as Record<string, string>;
}

/** A client without the payload codec: it sees what Temporal stores and its Web UI shows. */
export async function withRawTemporal<T>(
  use: (client: Client) => Promise<T>,
  address = process.env.E2E_TEMPORAL_ADDRESS,
): Promise<T> {
  const connection = await Connection.connect(
    temporalConnectionOptions(
      validateEnvironment(TemporalConnectionEnvironment, {
        TEMPORAL_ADDRESS: address,
        ...e2eTemporalTls(),
      }),
    ),
  );
  try {
    return await use(new Client({ connection }));
  } finally {
    await connection.close();
  }
}
