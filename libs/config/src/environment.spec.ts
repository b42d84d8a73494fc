import {
  ApiEnvironment,
  ConfigurationError,
  MigrationEnvironment,
  validateEnvironment,
  WorkerEnvironment,
} from './environment';

const valid = {
  DATABASE_URL: 'postgres://sss@127.0.0.1:5433/sss',
  TEMPORAL_ADDRESS: '127.0.0.1:7233',
  TEMPORAL_NAMESPACE: 'default',
  TEMPORAL_TASK_QUEUE: 'cases',
  PAYLOAD_KEYS: `142042:k1:${Buffer.alloc(32, 1).toString('base64')}`,
  API_PORT: '3000',
  AUTH_ISSUER: 'https://idp.example/realms/kamakura',
  AUTH_AUDIENCE: 'sss-api',
  AUTH_JWKS_URL: 'https://idp.example/realms/kamakura/certs',
};

function problems(
  raw: Record<string, string | undefined>,
  schema: new () => object = ApiEnvironment,
): string {
  try {
    validateEnvironment(schema, raw);
  } catch (error) {
    if (error instanceof ConfigurationError) return error.message;
    throw error;
  }
  return '';
}

describe('validateEnvironment', () => {
  it('accepts a complete configuration and converts the port to a number', () => {
    const env = validateEnvironment(ApiEnvironment, valid);
    expect(env.API_PORT).toBe(3000);
    expect(env.LOG_LEVEL).toBe('info');
  });

  it('names a wrong metrics, health or tracing setting, and needs none of them', () => {
    expect(problems(valid)).toBe('');
    const message = problems(
      {
        ...valid,
        METRICS_ADDRESS: '9464',
        HEALTH_ADDRESS: 'http://0.0.0.0:8080',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'collector:4318',
      },
      WorkerEnvironment,
    );
    expect(message).toContain('METRICS_ADDRESS must be host:port');
    expect(message).toContain('HEALTH_ADDRESS must be host:port');
    expect(message).toContain('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT must be an http(s) URL');
  });

  it('names a missing variable', () => {
    expect(problems({ ...valid, DATABASE_URL: undefined })).toContain('DATABASE_URL is required');
  });

  it('names a variable whose value is wrong, and every one of them', () => {
    const message = problems({ ...valid, TEMPORAL_ADDRESS: 'nowhere', API_PORT: 'eighty' });
    expect(message).toContain('TEMPORAL_ADDRESS must be host:port');
    expect(message).toContain('API_PORT must be an integer');
  });

  it('needs the token issuer keys, as a JWKS URL or as a JWKS document', () => {
    expect(problems({ ...valid, AUTH_JWKS_URL: undefined })).toContain(
      'AUTH_JWKS_URL (or AUTH_JWKS) is required',
    );
    expect(problems({ ...valid, AUTH_JWKS_URL: undefined, AUTH_JWKS: '{"keys":[]}' })).toBe('');
    expect(problems({ ...valid, AUTH_JWKS_URL: undefined, AUTH_JWKS: 'keys' })).toContain(
      'AUTH_JWKS (or AUTH_JWKS_URL) must be a JWKS JSON document',
    );
  });

  it("migrates only on the owner's connection, never on the app's DATABASE_URL", () => {
    expect(problems({ DATABASE_URL: valid.DATABASE_URL }, MigrationEnvironment)).toContain(
      'MIGRATION_DATABASE_URL is required',
    );
  });

  it('needs the client certificate and key for mTLS together, each an existing file', () => {
    const file = __filename;
    expect(problems({ ...valid, TEMPORAL_TLS_CLIENT_CERT_FILE: file })).toContain(
      'TEMPORAL_TLS_CLIENT_KEY_FILE is required with TEMPORAL_TLS_CLIENT_CERT_FILE',
    );
    expect(problems({ ...valid, TEMPORAL_TLS_CLIENT_KEY_FILE: file })).toContain(
      'TEMPORAL_TLS_CLIENT_CERT_FILE is required with TEMPORAL_TLS_CLIENT_KEY_FILE',
    );
    expect(
      problems({
        ...valid,
        TEMPORAL_TLS_CLIENT_CERT_FILE: file,
        TEMPORAL_TLS_CLIENT_KEY_FILE: '/nowhere/client.key',
      }),
    ).toContain('TEMPORAL_TLS_CLIENT_KEY_FILE names no readable file: /nowhere/client.key');
    expect(problems({ ...valid, TEMPORAL_TLS_SERVER_CA_FILE: '/nowhere/ca.pem' })).toContain(
      'TEMPORAL_TLS_SERVER_CA_FILE names no readable file',
    );
    expect(
      problems({
        ...valid,
        TEMPORAL_TLS_CLIENT_CERT_FILE: file,
        TEMPORAL_TLS_CLIENT_KEY_FILE: file,
        TEMPORAL_TLS_SERVER_CA_FILE: file,
        TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
      }),
    ).toBe('');
  });

  it('validates the codec session secret and the trusted proxies', () => {
    expect(problems({ ...valid, CODEC_SESSION_SECRET: 'short' })).toContain('CODEC_SESSION_SECRET');
    expect(problems({ ...valid, TRUST_PROXY: 'everyone' })).toContain('TRUST_PROXY');
    expect(problems({ ...valid, TRUST_PROXY: 'loopback,10.0.0.0/8' })).toBe('');
    expect(problems({ ...valid, TRUST_PROXY: '1' })).toBe('');
  });

  it('refuses a payload key that is not 32 bytes', () => {
    expect(problems({ ...valid, PAYLOAD_KEYS: '142042:k1:c2hvcnQ=' })).toContain('PAYLOAD_KEYS');
  });

  it('refuses a payload key that names no municipality (the single-ring form)', () => {
    const key = Buffer.alloc(32, 1).toString('base64');
    expect(problems({ ...valid, PAYLOAD_KEYS: `k1:${key}` })).toContain(
      'PAYLOAD_KEYS must be municipality:keyId:base64(32 bytes)',
    );
    expect(problems({ ...valid, PAYLOAD_KEYS: `142042:k2:${key},122173:k1:${key}` })).toBe('');
  });

  it("names the rule a deployment's working calendar breaks", () => {
    const hours = { officeHours: { start: '09:00', end: '17:00' } };
    expect(problems({ ...valid, WORKING_CALENDARS: JSON.stringify({ '*': hours }) })).toBe('');
    expect(problems({ ...valid, WORKING_CALENDARS: '{"142042":{"weekdays":[8]}}' })).toContain(
      'WORKING_CALENDARS 142042.weekdays must list ISO weekdays 1 (Monday) to 7 (Sunday)',
    );
  });
});
