import { Client, Connection } from '@temporalio/client';

/** A client without the payload codec: it sees what Temporal stores and its Web UI shows. */
export async function withRawTemporal<T>(
  use: (client: Client) => Promise<T>,
  address = process.env.E2E_TEMPORAL_ADDRESS,
): Promise<T> {
  const connection = await Connection.connect({ address });
  try {
    return await use(new Client({ connection }));
  } finally {
    await connection.close();
  }
}
