import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import {
  Client,
  WorkflowHandle,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateHandle,
  WorkflowUpdateStage,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { ApiEnvironment } from '@sss/config';
import type { CaseEntity } from '@sss/persistence';
import {
  actionOfMessage,
  actionOfTask,
  CASE_ACTIONS,
  CaseAction,
  caseWorkflowId,
  ProcessView,
  rescheduleRefusal,
  Variables,
} from '@sss/domain';
import {
  childWorkflowId,
  type CompleteTask,
  completeTaskUpdate,
  INVALID_TASK_DATA,
  processViewQuery,
  sendMessageUpdate,
  settledAfterCallUpdate,
  TASK_NOT_OPEN,
} from '@sss/workflows/client';
import { StoreUnavailable, unavailableStore } from '../outage';
import { CaseClients } from '../temporal/case-clients';
import { queryOnLiveWorker } from '../temporal/query-retry';
import type { StoredTask } from './stored-tasks';

/** The stored facts that say which case's process to talk to, with whose keys, and if it runs. */
type StoredCase = Pick<CaseEntity, 'id' | 'municipality' | 'status'>;

/** A case's process and the meetings (child processes) it runs now, each with its live view. */
export interface LiveProcess {
  workflowId: string;
  view: ProcessView;
}

/** An action's result: the processes after its step, or before it when its records are pending. */
export interface Performed {
  settled: boolean;
  state: CaseProcessState;
  /** The process whose task the action completed, as it was before the step, and that task. */
  completed?: { process: LiveProcess; taskId: string };
}

export interface CaseProcessState {
  workflowId: string;
  /** Temporal's execution status: RUNNING, COMPLETED, … */
  status: string;
  processes: LiveProcess[];
}

/**
 * Talks to a case's running process on behalf of the API: finds where an action lands (a task
 * open in the case or in a meeting it runs, or a message something waits for) and performs it
 * with the actor's id. An action the step does not allow is a 409 that names the step.
 */
@Injectable()
export class CaseProcess {
  constructor(
    private readonly temporal: CaseClients,
    private readonly env: ApiEnvironment,
  ) {}

  /**
   * Temporal's status of the case's process and, while it runs, the live views of it and its
   * calls. An open case's views are read while its status is (one wait, not two); those of a
   * process found not running are dropped. A case stored as closed is read only once Temporal
   * says it runs again (reopened): a closed process would be replayed to answer.
   */
  async state(stored: StoredCase): Promise<CaseProcessState> {
    const workflowId = caseWorkflowId(stored.id);
    const client = this.temporal.for(stored.municipality);
    const handle = client.workflow.getHandle(workflowId);
    const early = stored.status === 'open' ? this.tree(client, workflowId) : undefined;
    early?.catch(() => undefined); // answered only if the process runs
    try {
      const { status } = await handle.describe();
      if (status.name !== 'RUNNING') return { workflowId, status: status.name, processes: [] };
      return {
        workflowId,
        status: status.name,
        processes: await (early ?? this.tree(client, workflowId)),
      };
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) {
        return { workflowId, status: 'NOT_FOUND', processes: [] };
      }
      throw error;
    }
  }

  /**
   * Performs the action on the case as `state` (read just before) shows it, and answers with the
   * case's processes AFTER its step, built from the update's own answer (no query after it):
   * `settled` is false when the records its step writes were not written within
   * ACTION_WAIT_SECONDS (the action is taken either way; the state is then the one before, and
   * the records follow). A step that moved on meanwhile is refused by the workflow (409).
   */
  async perform(
    stored: StoredCase,
    state: CaseProcessState,
    action: CaseAction,
    data: Variables,
    by: string,
  ): Promise<Performed> {
    if (state.status !== 'RUNNING') {
      throw new ConflictException(`${action} is not possible: the case is not open`);
    }
    const target = CASE_ACTIONS[action];
    for (const p of state.processes) {
      const handle = this.temporal.for(stored.municipality).workflow.getHandle(p.workflowId);
      if ('tasks' in target) {
        const tasks: readonly string[] = target.tasks;
        const task = p.view.openTasks.find((t) => tasks.includes(t.elementId));
        if (task) {
          const view = await this.sendUpdate(
            stored,
            action,
            completing(handle, { taskId: task.id, elementId: task.elementId, data, by }),
          );
          const performed = await this.after(stored, state, p.workflowId, view);
          return { ...performed, completed: { process: p, taskId: task.id } };
        }
      } else if (p.view.waitingFor.some((w) => w.message === target.message)) {
        const notOn: readonly string[] = 'notOn' in target ? target.notOn : [];
        if (notOn.includes(p.view.definition)) {
          throw new ConflictException(
            `${action} is not possible on ${p.view.definition}, which this case started on`,
          );
        }
        if (action === 'meeting.reschedule') {
          const refusal = rescheduleRefusal(p.view.variables?.scheduledAt, data.scheduledAt);
          if (refusal) throw new ConflictException(`${action} is not possible: ${refusal}`);
        }
        const view = await this.sendUpdate(stored, action, () =>
          handle.startUpdate(sendMessageUpdate, {
            args: [{ name: target.message, payload: data, by }],
            waitForStage: WorkflowUpdateStage.ACCEPTED,
          }),
        );
        return this.after(stored, state, p.workflowId, view);
      }
    }
    throw new ConflictException(`${action} is not possible in the case's step: ${describe(state)}`);
  }

  /**
   * The step on the one task the store holds open for the action (`tasks`, read with the case's
   * row), sent by its id and element with nothing read from Temporal first; answered as `perform`
   * answers. Undefined when the store holds no one such task, or the process refuses it as not
   * open (the store was behind another step): nothing was done, and `perform` on the case as
   * Temporal shows it acts or says why not.
   */
  async performStored(
    stored: StoredCase,
    tasks: StoredTask[],
    action: CaseAction,
    data: Variables,
    by: string,
  ): Promise<Performed | undefined> {
    const target = CASE_ACTIONS[action];
    const elementIds: readonly string[] = 'tasks' in target ? target.tasks : [];
    const candidates = tasks.filter((t) => elementIds.includes(t.elementId));
    if (candidates.length !== 1) return undefined;
    const [task] = candidates;
    const handle = this.temporal.for(stored.municipality).workflow.getHandle(task.workflowId);
    let view: ProcessView | undefined;
    try {
      view = await this.sendUpdate(
        stored,
        action,
        completing(handle, { taskId: task.taskId, elementId: task.elementId, data, by }),
        { fromStore: true },
      );
    } catch (error) {
      if (error instanceof StoreBehind) return undefined;
      throw error;
    }
    const none: CaseProcessState = {
      workflowId: caseWorkflowId(stored.id),
      status: 'RUNNING',
      processes: [],
    };
    if (view) return this.after(stored, none, task.workflowId, view);
    // Taken, its records pending: the answer (202) shows where the case stands if that can be
    // read now; never an error the client would take for a step not taken.
    const state = await this.state(stored).catch((error: unknown) => {
      if (unavailableStore(error)) return none;
      throw error;
    });
    return { settled: false, state };
  }

  /**
   * The processes after a step that `workflowId` answered with `view`. A call that ended with the
   * step (a meeting's outcome) hands its result to its caller, whose next step is awaited too;
   * calls the step started are read once. The rest is as it was before the step.
   */
  private async after(
    stored: StoredCase,
    before: CaseProcessState,
    workflowId: string,
    view: ProcessView | undefined,
  ): Promise<Performed> {
    if (!view) return { settled: false, state: before };
    const client = this.temporal.for(stored.municipality);
    const views = new Map(before.processes.map((p) => [p.workflowId, p.view]));
    views.set(workflowId, view);
    const caller = callerOf(workflowId);
    if (view.status !== 'running' && caller) {
      const next = await this.settledWithin(() =>
        client.workflow
          .getHandle(caller.workflowId)
          .executeUpdate(settledAfterCallUpdate, { args: [{ workId: caller.workId }] }),
      );
      if (!next) return { settled: false, state: before };
      views.delete(workflowId);
      views.set(caller.workflowId, next.value);
    }
    // The case's own run ended with the step (a step from the store knew no views before it).
    const root = views.get(before.workflowId);
    if (root && root.status !== 'running') {
      return { settled: true, state: { ...before, status: 'COMPLETED', processes: [] } };
    }
    // The step is taken: a read of the calls it started that meets an outage leaves its answer
    // pending (202), never an error the client would take for a step not taken.
    const processes = await this.tree(client, before.workflowId, views).catch((error: unknown) => {
      if (unavailableStore(error)) return undefined;
      throw error;
    });
    if (!processes) return { settled: false, state: before };
    return { settled: true, state: { ...before, processes } };
  }

  /**
   * The case's process and, depth first, the processes its call activities run: those in `known`
   * as given, the others queried (a call just started may not run yet: it is left out).
   */
  private async tree(
    client: Client,
    workflowId: string,
    known = new Map<string, ProcessView>(),
  ): Promise<LiveProcess[]> {
    const view =
      known.get(workflowId) ??
      (await queryOnLiveWorker(() =>
        client.workflow.getHandle(workflowId).query(processViewQuery),
      ).catch((error: unknown) => {
        if (error instanceof WorkflowNotFoundError && known.size > 0) return undefined;
        throw error;
      }));
    if (!view) return [];
    const children = await Promise.all(
      view.calls.map((c) => this.tree(client, childWorkflowId(workflowId, c.workId), known)),
    );
    return [{ workflowId, view }, ...children.flat()];
  }

  /**
   * Whether the case's process runs, as Temporal confirms within a few seconds: a referral not
   * answered in time is taken only once its process is known to run.
   */
  async confirmRunning(stored: Pick<StoredCase, 'id' | 'municipality'>): Promise<void> {
    const handle = this.temporal
      .for(stored.municipality)
      .workflow.getHandle(caseWorkflowId(stored.id));
    const { status } = await this.temporal.connection
      .withDeadline(Date.now() + 3000, () => handle.describe())
      .catch((error: unknown) => {
        if (error instanceof WorkflowNotFoundError) return { status: { name: 'NOT_FOUND' } };
        throw error;
      });
    if (status.name !== 'RUNNING') {
      throw new StoreUnavailable('Temporal', `Temporal has not started case ${stored.id}`);
    }
  }

  /**
   * Waits ACTION_WAIT_SECONDS at most for an update's answer, which comes once the records its
   * step leads to are written; resolves to it, or to undefined when it did not come. When the
   * step is `taken` (the update accepted), an outage met while waiting leaves its records pending
   * too; otherwise it is the caller's error to answer (a 503 the client retries).
   */
  async settledWithin<T>(
    answer: () => Promise<T>,
    { taken = true } = {},
  ): Promise<{ value: T } | undefined> {
    // The calls are cut when the wait ends: nothing is left retrying against a store that is down.
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), this.env.ACTION_WAIT_SECONDS * 1000);
    });
    const answered = this.temporal.connection.withAbortSignal(abort.signal, answer).then(
      (value) => ({ value }),
      (error: unknown) => {
        if (taken && unavailableStore(error)) return undefined;
        throw error;
      },
    );
    answered.catch(() => undefined); // a failure after the wait is over is nobody's to answer
    try {
      return await Promise.race([answered, waited]);
    } finally {
      clearTimeout(timer);
      abort.abort();
    }
  }

  /**
   * Sends the update and waits a bounded time for its answer, the process's view after the step,
   * which comes once the step's records are written. The workflow's validators refuse before
   * acceptance, without writing history; their refusals become HTTP errors in a coordinator's
   * words (the engine's name internal ids).
   */
  private async sendUpdate(
    stored: StoredCase,
    action: CaseAction,
    send: () => Promise<WorkflowUpdateHandle<ProcessView>>,
    { fromStore = false } = {},
  ): Promise<ProcessView | undefined> {
    try {
      // Accepted within the wait, or not taken: while no worker runs the process's tasks the
      // update is only admitted, which Temporal does not keep, and the client retries (503).
      const accepted = await this.settledWithin(send, { taken: false });
      if (!accepted) {
        throw new StoreUnavailable(
          'Temporal',
          `the case's process did not take ${action} within ${this.env.ACTION_WAIT_SECONDS} s`,
        );
      }
      // Once accepted, the step is taken: it is never answered as an error (a retry would meet
      // a confusing 409), at worst as 202 with its records pending.
      return (await this.settledWithin(() => accepted.value.result()))?.value;
    } catch (error) {
      const cause = error instanceof WorkflowUpdateFailedError ? error.cause : undefined;
      // A task from the store refused as not open (its refusal is the update's outcome, thrown by
      // its result), or sent to a run that has ended: nothing was done.
      const notOpen = cause instanceof ApplicationFailure && cause.type === TASK_NOT_OPEN;
      if (fromStore && (notOpen || error instanceof WorkflowNotFoundError)) throw new StoreBehind();
      if (cause instanceof ApplicationFailure) {
        if (cause.type === INVALID_TASK_DATA) throw new BadRequestException(cause.message);
        // The step moved on between reading the case and acting (another caller was quicker).
        const now = await this.state(stored);
        throw new ConflictException(
          `${action} is not possible now: the case's step changed meanwhile; ${describe(now)}`,
        );
      }
      throw error;
    }
  }
}

/** Sends the completion of a task, named by its id and its element as the caller saw them. */
const completing = (handle: WorkflowHandle, completion: CompleteTask) => () =>
  handle.startUpdate(completeTaskUpdate, {
    args: [completion],
    waitForStage: WorkflowUpdateStage.ACCEPTED,
  });

/** The store named a task its process no longer has open (see `performStored`). */
class StoreBehind extends Error {}

/** The step a case is in, in words a coordinator reads in a 409: names and actions, no ids. */
export function describe(state: CaseProcessState): string {
  const [root] = state.processes;
  if (!root) return 'the case is not open';
  const tasks = state.processes.flatMap((p) =>
    p.view.openTasks.map((t) => {
      const action = actionOfTask(t.elementId);
      return `${t.name ?? 'a task'}${action ? ` (${action})` : ''}`;
    }),
  );
  const actions = state.processes.flatMap((p) =>
    p.view.waitingFor.flatMap((w) => {
      const action = w.message ? actionOfMessage(w.message) : undefined;
      return action ? [action] : [];
    }),
  );
  return [
    `stage ${root.view.stage ?? 'unknown'}`,
    tasks.length ? `open tasks: ${tasks.join(', ')}` : '',
    actions.length ? `possible actions: ${[...new Set(actions)].join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}

/** The process that runs `workflowId` as a call (`case-…/w5` is run by `case-…`), if any. */
function callerOf(workflowId: string): { workflowId: string; workId: string } | undefined {
  const at = workflowId.lastIndexOf('/');
  return at < 0
    ? undefined
    : { workflowId: workflowId.slice(0, at), workId: workflowId.slice(at + 1) };
}
