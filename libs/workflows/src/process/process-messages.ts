import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  ElementMapping,
  PinnedByHash,
  ProcessDefinition,
  ProcessState,
  ProcessStatus,
  ProcessView,
  Variables,
  WorkingCalendarConfig,
} from '@sss/domain';

/**
 * A process run's input. Its definitions are pinned, so registry changes never touch it: by
 * key and content hash (runs started since pinning by hash), or by copy (runs started before).
 */
export interface ProcessInput {
  /**
   * `id@version` → content hash of every definition this run may need (the root and those its
   * call activities call); the worker ships them (see shipped-definitions.ts).
   */
  pins?: Record<string, string>;
  /** Runs started before pinning by hash: a copy of every definition the run may need. */
  definitions?: Record<string, ProcessDefinition>;
  /** The key (`id@version`) of the definition to run. */
  root: string;
  /** How call activities bound `latest`: `meeting@latest` → `meeting@3`, fixed at start. */
  bindings?: Record<string, string>;
  variables?: Variables;
  /** The state carried over by continue-as-new. */
  state?: ProcessState;
  /**
   * The municipality's working calendar: reminders and escalations land on working moments.
   * Runs started without one keep plain times (their histories stay as they were).
   */
  calendar?: WorkingCalendarConfig;
  /** Continue as new past this many history events even before Temporal suggests it. */
  continueAsNewAt?: number;
  /**
   * Who started the run (the referring person, the coordinator who reopened the case): the
   * records of its first step, which no task completion precedes, are theirs.
   */
  startedBy?: string;
}

export interface ProcessResult {
  status: ProcessStatus;
  variables: Variables;
  /** Who took the last step, so a caller's records of the outcome are attributable. */
  by?: string;
}

export interface CompleteTask {
  taskId: string;
  /** The task's element as the caller saw it: refused as not open if the task is another's. */
  elementId?: string;
  data: Variables;
  /** Who completed it: every write is attributable to a person. */
  by: string;
}

export interface ProcessMessage {
  name: string;
  payload?: Variables;
  /** Who sent it, when a person did. */
  by?: string;
}

/** The workflow id of a call activity's child process, derived so callers can find it. */
export function childWorkflowId(parentWorkflowId: string, workId: string): string {
  return `${parentWorkflowId}/${workId}`;
}

/** The noticeDeliveryWorkflow that delivers one notice of a case's process; `key` its key. */
export function noticeWorkflowId(processWorkflowId: string, key: string): string {
  return `${processWorkflowId}/notice/${key}`;
}

export const processViewQuery = defineQuery<ProcessView>('processView');
/** Rejected without touching history when the task is not open (TaskNotOpen) or the data is invalid (InvalidTaskData). */
export const completeTaskUpdate = defineUpdate<ProcessView, [CompleteTask]>('completeTask');
export const messageSignal = defineSignal<[ProcessMessage]>('message');
/**
 * A message as an update: refused without history when nothing waits for it (NotAwaited) or its
 * payload does not fit (InvalidTaskData); returns once the records it leads to are written.
 */
export const sendMessageUpdate = defineUpdate<ProcessView, [ProcessMessage]>('sendMessage');

/** Answers once the process waits for people or time, its records written (e.g. after start). */
export const settledUpdate = defineUpdate<ProcessView>('settled');
/**
 * Answers once the process has taken the step that follows the end of the call it runs as the
 * child `workId` (a meeting whose outcome was just recorded), its records written: the next
 * task is open in the answer, so a caller acting on it at once meets no 409.
 */
export const settledAfterCallUpdate = defineUpdate<ProcessView, [{ workId: string }]>(
  'settledAfterCall',
);

/** Moving a running process onto another released definition (a deliberate, audited act). */
export interface MigrationRequest {
  /** The definition to move to, pinned by hash as a new case would be. */
  target: PinnedByHash;
  /** Old element id → new element id; ids the target also has need no entry. */
  mapping: ElementMapping;
  /** The administrator who moves it. */
  by: string;
}

export interface MigrationCheck {
  from: string;
  to: string;
  canMove: boolean;
  /** Why not, element by element. */
  reasons: string[];
}

/** The dry run: whether the process could move now, and why not. Changes nothing. */
export const migrationCheckQuery = defineQuery<MigrationCheck, [MigrationRequest]>(
  'migrationCheck',
);
/**
 * The move: refused without history when the process cannot move (NotMigratable); once
 * accepted, the run continues as new on the target with its state mapped.
 */
export const migrateUpdate = defineUpdate<MigrationCheck, [MigrationRequest]>('migrate');
export const NOT_MIGRATABLE = 'NotMigratable';

export const TASK_NOT_OPEN = 'TaskNotOpen';
/** An update or input the worker's codec refused: not sealed by the API for this case. */
export const UNVOUCHED = 'Unvouched';
export const NOT_AWAITED = 'NotAwaited';
export const INVALID_TASK_DATA = 'InvalidTaskData';

/**
 * What the worker's payload codec hands the workflow in place of a payload it refuses (plain,
 * sealed for another case or municipality, or made by the codec server): the workflow records
 * nothing from it, and an update carrying it is rejected before it is accepted.
 */
export interface RefusedPayload {
  refusedPayload: string;
}

export function isRefusedPayload(value: unknown): value is RefusedPayload {
  return typeof value === 'object' && value !== null && 'refusedPayload' in value;
}
