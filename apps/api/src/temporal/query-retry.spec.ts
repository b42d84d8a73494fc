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
