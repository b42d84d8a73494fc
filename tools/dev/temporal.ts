import { Connection } from '@temporalio/client';
import { registerSearchAttributes } from '@sss/temporal/search-attribute-registration';
import { Service, startService, waitFor } from './child-process';
import { TEMPORAL_CLI } from './paths';

export interface TemporalDevServerOptions {
  port: number;
  uiPort: number;
  namespace: string;
  logFile: string;
  /** SQLite file that keeps histories across restarts; in memory when absent. */
  dbFile?: string;
  /** The Web UI's remote codec endpoint, so it can show decrypted payloads to authorised users. */
  codecEndpoint?: string;
  headless?: boolean;
}

export interface TemporalDevServer {
  address: string;
  uiUrl: string;
  service: Service;
}

/** Starts the Temporal dev server (with its Web UI) and registers our search attributes. */
export async function startTemporalDevServer(
  options: TemporalDevServerOptions,
): Promise<TemporalDevServer> {
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--ui-port',
    String(options.uiPort),
    '--namespace',
    options.namespace,
    '--log-level',
    'warn',
    ...(options.dbFile ? ['--db-filename', options.dbFile] : []),
    ...(options.codecEndpoint ? ['--ui-codec-endpoint', options.codecEndpoint] : []),
    ...(options.headless ? ['--headless'] : []),
  ];
  const service = startService('temporal', TEMPORAL_CLI, args, options.logFile);
  const address = `127.0.0.1:${options.port}`;
  await waitFor(
    service,
    async () => {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.workflowService.getSystemInfo({});
      } finally {
        await connection.close();
      }
    },
    options.logFile,
  );
  const connection = await Connection.connect({ address });
  try {
    await registerSearchAttributes(connection, options.namespace);
  } finally {
    await connection.close();
  }
  return { address, uiUrl: `http://127.0.0.1:${options.uiPort}`, service };
}
