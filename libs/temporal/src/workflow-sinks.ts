import type { InjectedSinks } from '@temporalio/worker';
import type { ProcessSnapshot } from '@sss/domain';
import type { ProcessSnapshotSinks } from '@sss/workflows/client';
import { tracingWorkflowSinks } from './tracing';

/** Where a live worker stores the processes' snapshots (libs/activities ProcessSnapshotStore). */
export interface SnapshotRecorder {
  record(
    workflowId: string,
    version: { runStartedAt: Date; historyLength: number },
    snapshot: ProcessSnapshot,
  ): Promise<void>;
}

/**
 * Every sink the case workflows call, for every worker: a replay worker passes no recorder,
 * since it stores nothing (the SDK does not call these sinks on replay at all).
 */
export function workflowSinks(
  snapshots?: SnapshotRecorder,
): ReturnType<typeof tracingWorkflowSinks> & InjectedSinks<ProcessSnapshotSinks> {
  return {
    ...tracingWorkflowSinks(),
    processSnapshots: {
      record: {
        fn: (info, snapshot) =>
          snapshots?.record(
            info.workflowId,
            { runStartedAt: info.runStartTime, historyLength: info.historyLength },
            snapshot,
          ),
      },
    },
  };
}
