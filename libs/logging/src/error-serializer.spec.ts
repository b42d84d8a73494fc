import { QueryFailedError } from 'typeorm';
import { serializeError } from './error-serializer';

describe('serializeError', () => {
  it("keeps a failed query's message and code but not its parameters or driver detail", () => {
    const driverError = Object.assign(new Error('value too long'), {
      code: '22001',
      detail: 'Failing row contains (鎌倉 太郎)',
    });
    const error = new QueryFailedError(
      'INSERT INTO households VALUES ($1)',
      ['鎌倉 太郎'],
      driverError,
    );
    const logged = JSON.stringify(serializeError(error));
    expect(logged).toContain('value too long');
    expect(logged).toContain('22001');
    expect(logged).not.toContain('鎌倉');
  });
});
