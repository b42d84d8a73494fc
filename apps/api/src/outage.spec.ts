import { ServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { QueryFailedError } from 'typeorm';
import { unavailableStore } from './outage';

const grpc = (code: number) => Object.assign(new Error('grpc'), { code, metadata: {} });
const databaseError = (code: string) => Object.assign(new Error('pg'), { code, severity: 'FATAL' });
const pg = (code: string) => new QueryFailedError('SELECT 1', [], databaseError(code));

describe('which store an error says is unavailable', () => {
  it.each([
    ['Temporal down (UNAVAILABLE)', new ServiceError('down', { cause: grpc(14) }), 'Temporal'],
    ['Temporal not answering (DEADLINE_EXCEEDED)', grpc(4), 'Temporal'],
    [
      'an update no worker took up in time',
      new WorkflowUpdateRPCTimeoutOrCancelledError('timed out', { cause: new Error('x') }),
      'Temporal',
    ],
    [
      'PostgreSQL refusing connections',
      Object.assign(new Error('x'), { code: 'ECONNREFUSED' }),
      'PostgreSQL',
    ],
    ['PostgreSQL shutting down (57P01)', pg('57P01'), 'PostgreSQL'],
    ['PostgreSQL connection lost (08006)', pg('08006'), 'PostgreSQL'],
    [
      'PostgreSQL refusing a connection while it shuts down (57P03)',
      databaseError('57P03'),
      'PostgreSQL',
    ],
    ['the pool giving up', new Error('timeout exceeded when trying to connect'), 'PostgreSQL'],
    ['a connection that ended', new Error('Connection terminated unexpectedly'), 'PostgreSQL'],
  ])('%s', (_, error, store) => {
    expect(unavailableStore(error)).toBe(store);
  });

  it.each([
    ['a bug', new TypeError('x is undefined')],
    ['a value the column cannot hold (22001)', pg('22001')],
    [
      'Temporal refusing the request (INVALID_ARGUMENT)',
      new ServiceError('bad', { cause: grpc(3) }),
    ],
    ['Temporal not finding the workflow (NOT_FOUND)', grpc(5)],
  ])('not %s', (_, error) => {
    expect(unavailableStore(error)).toBeUndefined();
  });
});
