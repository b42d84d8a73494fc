import { QueryFailedError } from 'typeorm';
import { RECORD_REFUSED, refusedRecord } from './case-records.activities';

const pg = (code: string, fields: Record<string, string> = {}) =>
  new QueryFailedError('INSERT', [], Object.assign(new Error('pg says'), { code, ...fields }));

describe('a record the database refuses', () => {
  it.each([
    ['a text too long for its column (22001)', '22001'],
    ['a character the encoding cannot hold, U+0000 (22021)', '22021'],
    ['a missing value (23502)', '23502'],
    ['a check that fails (23514)', '23514'],
  ])('fails its step at once: %s', (_, code) => {
    const failure = refusedRecord(pg(code, { column: 'name' }));
    expect(failure).toMatchObject({ type: RECORD_REFUSED, nonRetryable: true });
    expect(failure?.message).toBe(`the database refuses the record (SQLSTATE ${code}, name)`);
  });

  it.each([
    ['a lost connection (08006)', pg('08006')],
    ['a deadlock (40P01)', pg('40P01')],
    ['a case row not written yet (23503)', pg('23503')],
    ['any other error', new Error('ECONNREFUSED')],
  ])('is retried: %s', (_, error) => {
    expect(refusedRecord(error)).toBeUndefined();
  });
});
