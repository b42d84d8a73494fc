import type { ProcessSummary } from '../process/view';

/**
 * What a process tells the store about itself after each workflow task: whether it runs, its
 * stage and its open tasks. Lists across cases (GET /v1/tasks) read these stored rows instead of
 * asking every case's process live. It holds no case data: element ids, roles and dates only.
 */
export interface ProcessSnapshot {
  definition: string;
  running: boolean;
  stage: string | null;
  tasks: SnapshotTask[];
}

export interface SnapshotTask {
  /** The engine's task id, unique within the process run (never shown to callers). */
  id: string;
  elementId: string;
  name: string | null;
  role: string;
  createdAt: string;
  dueAt: string | null;
  overdue: boolean;
}

export function processSnapshot(view: ProcessSummary): ProcessSnapshot {
  const running = view.status === 'running';
  return {
    definition: view.definition,
    running,
    stage: view.stage ?? null,
    // A process that has ended has no open task, whatever its last view held.
    tasks: running
      ? view.openTasks.map((t) => ({
          id: t.id,
          elementId: t.elementId,
          name: t.name ?? null,
          role: t.role,
          createdAt: t.createdAt,
          dueAt: t.dueAt ?? null,
          overdue: t.overdue,
        }))
      : [],
  };
}
