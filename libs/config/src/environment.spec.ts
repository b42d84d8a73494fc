import { ApiEnvironment, ConfigurationError, validateEnvironment } from './environment';

const valid = {
  DATABASE_URL: 'postgres://sss@127.0.0.1:5433/sss',
  TEMPORAL_ADDRESS: '127.0.0.1:7233',
  TEMPORAL_NAMESPACE: 'default',
  TEMPORAL_TASK_QUEUE: 'cases',
  PAYLOAD_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
  API_PORT: '3000',
};

function problems(raw: Record<string, string | undefined>): string {
  try {
    validateEnvironment(ApiEnvironment, raw);
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

  it('names a missing variable', () => {
    expect(problems({ ...valid, DATABASE_URL: undefined })).toContain('DATABASE_URL is required');
  });

  it('names a variable whose value is wrong, and every one of them', () => {
    const message = problems({ ...valid, TEMPORAL_ADDRESS: 'nowhere', API_PORT: 'eighty' });
    expect(message).toContain('TEMPORAL_ADDRESS must be host:port');
    expect(message).toContain('API_PORT must be an integer');
  });

  it('refuses a payload key that is not 32 bytes', () => {
    expect(problems({ ...valid, PAYLOAD_KEYS: 'k1:c2hvcnQ=' })).toContain('PAYLOAD_KEYS');
  });
});
