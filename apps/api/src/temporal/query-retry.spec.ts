import { StoreUnavailable } from '../outage';
import { metNoLiveWorker, queryOnLiveWorker } from './query-retry';

const grpc = (code: number, details = '') =>
  Object.assign(new Error('Failed to query Workflow'), { cause: { code, details, metadata: {} } });

describe('queryOnLiveWorker', () => {
  it('tells a query that met a dead or absent worker from other failures', () => {
    expect(metNoLiveWorker(grpc(1, 'context canceled'))).toBe(true);
    expect(metNoLiveWorker(grpc(9, 'no poller seen for task queue recently'))).toBe(true);
    expect(metNoLiveWorker(grpc(9, 'workflow is closed'))).toBe(false);
    expect(metNoLiveWorker(grpc(5, 'not found'))).toBe(false);
    expect(metNoLiveWorker(new Error('query failed in the workflow'))).toBe(false);
    // As the client raises them (QueryNotRegisteredError): the worker's thread died, or the
    // case's own query handler failed.
    const queryFailed = (message: string) => Object.assign(new Error(message), { code: 3 });
    expect(
      metNoLiveWorker(
        queryFailed(
          'UnexpectedError: Workflow Worker Thread exited prematurely: Error [ERR_WORKER_OUT_OF_MEMORY]',
        ),
      ),
    ).toBe(true);
    expect(metNoLiveWorker(queryFailed('no process view: the run has not started'))).toBe(false);
  });

  it('asks again until a live worker answers', async () => {
    let calls = 0;
    const answer = await queryOnLiveWorker(async () => {
      if (++calls < 3) throw grpc(1, 'context canceled');
      return 'view';
    }, [1, 1, 1]);
    expect(answer).toBe('view');
    expect(calls).toBe(3);
  });

  it('answers unavailable (503) once no worker answered, and never repeats other errors', async () => {
    await expect(
      queryOnLiveWorker(() => Promise.reject(grpc(9, 'no poller seen')), [1, 1]),
    ).rejects.toBeInstanceOf(StoreUnavailable);
    let calls = 0;
    await expect(
      queryOnLiveWorker(() => {
        calls++;
        return Promise.reject(grpc(5, 'not found'));
      }, [1, 1]),
    ).rejects.toThrow('Failed to query Workflow');
    expect(calls).toBe(1);
  });
});
