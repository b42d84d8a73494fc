import fs from 'node:fs';
import type { TemporalConnectionEnvironment } from '@sss/config';

/** What both Connection.connect (client) and NativeConnection.connect (worker) take. */
export interface TemporalConnectionOptions {
  address: string;
  tls?: {
    serverNameOverride?: string;
    serverRootCACertificate?: Buffer;
    clientCertPair?: { crt: Buffer; key: Buffer };
  };
  apiKey?: string;
}

/** The connection settings as SDK options: files read once, at boot, after validation. */
export function temporalConnectionOptions(
  env: TemporalConnectionEnvironment,
): TemporalConnectionOptions {
  const tls =
    env.TEMPORAL_TLS === 'true' ||
    !!env.TEMPORAL_TLS_SERVER_CA_FILE ||
    !!env.TEMPORAL_TLS_SERVER_NAME ||
    !!env.TEMPORAL_TLS_CLIENT_CERT_FILE ||
    !!env.TEMPORAL_API_KEY;
  return {
    address: env.TEMPORAL_ADDRESS,
    ...(tls
      ? {
          tls: {
            ...(env.TEMPORAL_TLS_SERVER_NAME
              ? { serverNameOverride: env.TEMPORAL_TLS_SERVER_NAME }
              : {}),
            ...(env.TEMPORAL_TLS_SERVER_CA_FILE
              ? { serverRootCACertificate: fs.readFileSync(env.TEMPORAL_TLS_SERVER_CA_FILE) }
              : {}),
            ...(env.TEMPORAL_TLS_CLIENT_CERT_FILE && env.TEMPORAL_TLS_CLIENT_KEY_FILE
              ? {
                  clientCertPair: {
                    crt: fs.readFileSync(env.TEMPORAL_TLS_CLIENT_CERT_FILE),
                    key: fs.readFileSync(env.TEMPORAL_TLS_CLIENT_KEY_FILE),
                  },
                }
              : {}),
          },
        }
      : {}),
    ...(env.TEMPORAL_API_KEY ? { apiKey: env.TEMPORAL_API_KEY } : {}),
  };
}
