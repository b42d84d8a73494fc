import type { TemporalConnectionEnvironment } from '@sss/config';
import { temporalConnectionOptions } from './connection-options';

const env = (more: Partial<TemporalConnectionEnvironment>) =>
  ({ TEMPORAL_ADDRESS: 'temporal.internal:7233', ...more }) as TemporalConnectionEnvironment;

describe('temporalConnectionOptions', () => {
  it('connects in plain text when nothing asks for TLS', () => {
    expect(temporalConnectionOptions(env({}))).toEqual({ address: 'temporal.internal:7233' });
  });

  it('sends an API key over TLS with the system CAs', () => {
    expect(temporalConnectionOptions(env({ TEMPORAL_API_KEY: 'k'.repeat(20) }))).toEqual({
      address: 'temporal.internal:7233',
      tls: {},
      apiKey: 'k'.repeat(20),
    });
  });

  it('reads the CA and the client pair for mTLS, with the server name', () => {
    const options = temporalConnectionOptions(
      env({
        TEMPORAL_TLS_SERVER_CA_FILE: __filename,
        TEMPORAL_TLS_CLIENT_CERT_FILE: __filename,
        TEMPORAL_TLS_CLIENT_KEY_FILE: __filename,
        TEMPORAL_TLS_SERVER_NAME: 'frontend.temporal.internal',
      }),
    );
    expect(options.tls?.serverNameOverride).toBe('frontend.temporal.internal');
    expect(options.tls?.serverRootCACertificate?.toString()).toContain('temporalConnectionOptions');
    expect(Object.keys(options.tls?.clientCertPair ?? {})).toEqual(['crt', 'key']);
  });
});
