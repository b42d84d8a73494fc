import type { Sinks } from '@temporalio/workflow';
import type { ProcessSnapshot } from '@sss/domain';

/**
 * How a process hands its snapshot (libs/domain/src/tasks/process-snapshot.ts) to the worker,
 * which stores it before the workflow task completes. A sink adds nothing to the history and is
 * not called while a task replays, so no patch guards it; a snapshot a failed store lost is
 * sent again on the process's next task.
 */
export interface ProcessSnapshotSinks extends Sinks {
  processSnapshots: { record(snapshot: ProcessSnapshot): void };
}
