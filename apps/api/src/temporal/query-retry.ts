import { StoreUnavailable } from '../outage';

const GRPC_CANCELLED = 1;
const GRPC_INVALID_ARGUMENT = 3;
const GRPC_FAILED_PRECONDITION = 9;
/** The SDK fails every pending task so when the worker's workflow thread dies (out of memory). */
const WORKFLOW_THREAD_DIED = /Workflow Worker Thread exited/;

/**
 * Whether a query met no live worker: the server handed it to the poll of a worker that has
 * just died, and cancelled it (CANCELLED), or no worker polls at this moment (FAILED_PRECONDITION
 * "no poller seen"), as during a worker's failover or a rollout, or the worker's workflow thread
 * died under it (a query failure, INVALID_ARGUMENT, that is the worker's and not the case's).
 */
export function metNoLiveWorker(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    const { code, details, message } = e as {
      code?: unknown;
      details?: unknown;
      message?: unknown;
    };
    if (code === GRPC_CANCELLED) return true;
    if (code === GRPC_FAILED_PRECONDITION && /no poller/i.test(String(details ?? ''))) return true;
    if (code === GRPC_INVALID_ARGUMENT && WORKFLOW_THREAD_DIED.test(`${message} ${details}`))
      return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Runs a query (a read: safe to repeat) again when it met no live worker, so that another worker
 * answers it; still none after the pauses, the case is unavailable for now (503), not broken.
 */
export async function queryOnLiveWorker<T>(
  query: () => Promise<T>,
  pausesMs: readonly number[] = [500, 1500, 3000],
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await query();
    } catch (error) {
      if (!metNoLiveWorker(error)) throw error;
      if (attempt >= pausesMs.length) {
        throw new StoreUnavailable('Temporal', 'no worker answered the case’s query');
      }
      await new Promise((resolve) => setTimeout(resolve, pausesMs[attempt]));
    }
  }
}
