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
import { CASE_ACTIONS, CaseAction, caseWorkflowId, ProcessView, Variables } from '@sss/domain';
import {
  childWorkflowId,
  completeTaskUpdate,
  INVALID_TASK_DATA,
  processViewQuery,
  sendMessageUpdate,
} from '@sss/workflows/client';
import { StoreUnavailable, unavailableStore } from '../outage';
import { CaseClients } from '../temporal/case-clients';
import { queryOnLiveWorker } from '../temporal/query-retry';

/** The stored facts that say which case's process to talk to, and with whose keys. */
type StoredCase = Pick<CaseEntity, 'id' | 'municipality'>;

/** A case's process and the meetings (child processes) it runs now, each with its live view. */
export interface LiveProcess {
  workflowId: string;
  view: ProcessView;
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

  async state(stored: StoredCase): Promise<CaseProcessState> {
    const workflowId = caseWorkflowId(stored.id);
    const client = this.temporal.for(stored.municipality);
    const handle = client.workflow.getHandle(workflowId);
    try {
      const { status } = await handle.describe();
      if (status.name !== 'RUNNING') return { workflowId, status: status.name, processes: [] };
      return { workflowId, status: status.name, processes: await this.tree(client, handle) };
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) {
        return { workflowId, status: 'NOT_FOUND', processes: [] };
      }
      throw error;
    }
  }

  /**
   * Performs the action; resolves to whether the records its step writes were written within
   * ACTION_WAIT_SECONDS (the action is taken either way, and its records follow).
   */
  async perform(
    stored: StoredCase,
    action: CaseAction,
    data: Variables,
    by: string,
  ): Promise<boolean> {
    const state = await this.state(stored);
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
          return this.sendUpdate(action, () =>
            handle.startUpdate(completeTaskUpdate, {
              args: [{ taskId: task.id, data, by }],
              waitForStage: WorkflowUpdateStage.ACCEPTED,
            }),
          );
        }
      } else if (p.view.waitingFor.some((w) => w.message === target.message)) {
        const notOn: readonly string[] = 'notOn' in target ? target.notOn : [];
        if (notOn.includes(p.view.definition)) {
          throw new ConflictException(
            `${action} is not possible on ${p.view.definition}, which this case started on`,
          );
        }
        return this.sendUpdate(action, () =>
          handle.startUpdate(sendMessageUpdate, {
            args: [{ name: target.message, payload: data, by }],
            waitForStage: WorkflowUpdateStage.ACCEPTED,
          }),
        );
      }
    }
    throw new ConflictException(`${action} is not possible in the case's step: ${describe(state)}`);
  }

  /** The case's process and, depth first, the processes its call activities run. */
  private async tree(client: Client, handle: WorkflowHandle): Promise<LiveProcess[]> {
    const view = await queryOnLiveWorker(() => handle.query(processViewQuery));
    const children = await Promise.all(
      view.calls.map((c) =>
        this.tree(client, client.workflow.getHandle(childWorkflowId(handle.workflowId, c.workId))),
      ),
    );
    return [{ workflowId: handle.workflowId, view }, ...children.flat()];
  }

  /**
   * Whether the case's process runs, as Temporal confirms within a few seconds: a referral not
   * answered in time is taken only once its process is known to run.
   */
  async confirmRunning(stored: StoredCase): Promise<void> {
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
   * step leads to are written; resolves to whether it came. When the step is `taken` (the update
   * accepted), an outage met while waiting leaves its records pending too; otherwise it is the
   * caller's error to answer (a 503 the client retries).
   */
  async settledWithin(answer: () => Promise<unknown>, { taken = true } = {}): Promise<boolean> {
    // The calls are cut when the wait ends: nothing is left retrying against a store that is down.
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), this.env.ACTION_WAIT_SECONDS * 1000);
    });
    const answered = this.temporal.connection.withAbortSignal(abort.signal, answer).then(
      () => true,
      (error: unknown) => {
        if (taken && unavailableStore(error)) return false;
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
   * Sends the update and waits a bounded time for its answer, which comes once the step's records
   * are written. The workflow's validators refuse before acceptance, without writing history;
   * their refusals become HTTP errors.
   */
  private async sendUpdate(
    action: string,
    send: () => Promise<WorkflowUpdateHandle<ProcessView>>,
  ): Promise<boolean> {
    try {
      const accepted = await send();
      // Once accepted, the step is taken: it is never answered as an error (a retry would meet
      // a confusing 409), at worst as 202 with its records pending.
      return await this.settledWithin(() => accepted.result());
    } catch (error) {
      const cause = error instanceof WorkflowUpdateFailedError ? error.cause : undefined;
      if (cause instanceof ApplicationFailure) {
        if (cause.type === INVALID_TASK_DATA) throw new BadRequestException(cause.message);
        throw new ConflictException(`${action} is not possible now: ${cause.message}`);
      }
      throw error;
    }
  }
}

/** The step a case is in, in words a coordinator reads in a 409. */
export function describe(state: CaseProcessState): string {
  const [root] = state.processes;
  if (!root) return 'the case is not open';
  const tasks = state.processes.flatMap((p) => p.view.openTasks.map((t) => t.elementId));
  const messages = state.processes.flatMap((p) =>
    p.view.waitingFor.flatMap((w) => (w.message ? [w.message] : [])),
  );
  return [
    `stage ${root.view.stage ?? 'unknown'}`,
    tasks.length ? `open tasks: ${tasks.join(', ')}` : '',
    messages.length ? `accepts: ${messages.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}
