import { ConflictException } from '@nestjs/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { TASK_NOT_OPEN } from '@sss/workflows/client';
import type { ApiEnvironment } from '@sss/config';
import type { CaseAction, ProcessView, Variables } from '@sss/domain';
import type { CaseClients } from '../temporal/case-clients';
import { CaseProcess } from './case-process';

/** A case in planning whose meeting (a child process on `meeting`) waits for its day. */
function temporalWith(meeting: string) {
  const updates: string[] = [];
  const view = (definition: string, more: Partial<ProcessView>) =>
    ({
      definition,
      status: 'running',
      openTasks: [],
      waitingFor: [],
      calls: [],
      ...more,
    }) as unknown as ProcessView;
  const views: Record<string, ProcessView> = {
    root: view('collaboration@1', { stage: 'planning', calls: [{ elementId: 'm', workId: 'w5' }] }),
    child: view(meeting, { waitingFor: [{ elementId: 'cancelled', message: 'meetingCancelled' }] }),
  };
  const handle = (workflowId: string) => ({
    workflowId,
    describe: async () => ({ status: { name: 'RUNNING' } }),
    query: async () => (workflowId.includes('/') ? views.child : views.root),
    startUpdate: async (update: { name: string }) => {
      updates.push(update.name);
      return { result: async () => views.child };
    },
  });
  const client = {
    for: () => ({ workflow: { getHandle: handle } }),
    connection: { withAbortSignal: (_: AbortSignal, call: () => Promise<unknown>) => call() },
  } as unknown as CaseClients;
  return { client, updates };
}

const CASE = {
  id: '0b9c2f7e-3c55-4d2b-9a51-6f1d2c3b4a59',
  municipality: '142042',
  status: 'open' as const,
};
/** The action on the case as the process reads it just before. */
const perform = async (client: CaseClients, action: CaseAction, data: Variables) => {
  const process = new CaseProcess(client, env);
  return process.perform(CASE, await process.state(CASE), action, data, 'coord-1');
};
const env = { ACTION_WAIT_SECONDS: 1 } as ApiEnvironment;

describe('CaseProcess', () => {
  it('calls off a meeting date on meeting@2', async () => {
    const { client, updates } = temporalWith('meeting@2');
    const { settled } = await perform(client, 'meeting.cancel', {});
    expect(settled).toBe(true);
    expect(updates).toEqual(['sendMessage']);
  });

  it('refuses to call off a meeting@1, which would end the meeting as if held, and sends nothing', async () => {
    const { client, updates } = temporalWith('meeting@1');
    const refused = perform(client, 'meeting.cancel', {});
    await expect(refused).rejects.toThrow(ConflictException);
    await expect(refused).rejects.toThrow('meeting.cancel is not possible on meeting@1');
    expect(updates).toEqual([]);
  });
});

describe("an action's answer", () => {
  /** A case in planning whose meeting waits for its outcome; the outcome ends the meeting. */
  function meetingAwaitingOutcome() {
    const calls: string[] = [];
    const task = (id: string, elementId: string, name: string) => ({
      id,
      elementId,
      name,
      role: 'coordinator',
      createdAt: '',
      overdue: false,
      escalationLevel: 0,
    });
    const view = (more: Partial<ProcessView>) =>
      ({ status: 'running', openTasks: [], waitingFor: [], calls: [], ...more }) as ProcessView;
    const handle = (workflowId: string) => ({
      workflowId,
      describe: async () => ({ status: { name: 'RUNNING' } }),
      query: async () => {
        calls.push(`query ${workflowId}`);
        return workflowId.includes('/')
          ? view({
              definition: 'meeting@2',
              openTasks: [task('t9', 'recordOutcome', 'Record the meeting’s outcome')],
            })
          : view({
              definition: 'collaboration@2',
              stage: 'planning',
              calls: [{ elementId: 'm', workId: 'w5' }],
            });
      },
      startUpdate: async (update: { name: string }) => {
        calls.push(`${update.name} ${workflowId}`);
        return { result: async () => view({ definition: 'meeting@2', status: 'completed' }) };
      },
      executeUpdate: async (update: { name: string }) => {
        calls.push(`${update.name} ${workflowId}`);
        return view({
          definition: 'collaboration@2',
          stage: 'planning',
          openTasks: [task('t10', 'planConsent', 'Record the person’s consent to the plan')],
        });
      },
    });
    const client = {
      for: () => ({ workflow: { getHandle: handle } }),
      connection: { withAbortSignal: (_: AbortSignal, call: () => Promise<unknown>) => call() },
    } as unknown as CaseClients;
    return { client, calls };
  }

  it("shows the step after a meeting ends: its caller's next task, from the updates' own answers", async () => {
    const { client, calls } = meetingAwaitingOutcome();
    const { settled, state } = await perform(client, 'meeting.outcome', { outcome: 'agreed' });
    expect(settled).toBe(true);
    expect(state.processes.map((p) => p.view.openTasks.map((t) => t.elementId))).toEqual([
      ['planConsent'],
    ]);
    const wf = `case-${CASE.id}`;
    // One read to find the task, the action, and the caller's settling: no query after.
    expect(calls).toEqual([
      `query ${wf}`,
      `query ${wf}/w5`,
      `completeTask ${wf}/w5`,
      `settledAfterCall ${wf}`,
    ]);
  });

  it("names no internal id when the step is not the action's", async () => {
    const { client } = meetingAwaitingOutcome();
    const refused = perform(client, 'plan', {});
    await expect(refused).rejects.toThrow(
      "plan is not possible in the case's step: stage planning; open tasks: Record the meeting’s outcome (meeting.outcome)",
    );
  });
});

describe("a case's state", () => {
  /** A process whose describe answers when the test says, and what was asked of it. */
  function slowDescribe(status: string) {
    const asked: string[] = [];
    let answer!: () => void;
    const described = new Promise<void>((resolve) => (answer = resolve));
    const view = { status: 'running', openTasks: [], waitingFor: [], calls: [] };
    const client = {
      for: () => ({
        workflow: {
          getHandle: () => ({
            describe: async () => {
              asked.push('describe');
              await described;
              return { status: { name: status } };
            },
            query: async () => (asked.push('query'), view),
          }),
        },
      }),
    } as unknown as CaseClients;
    return { client, asked, answer };
  }
  const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

  it("reads an open case's view while its status is read, not after", async () => {
    const { client, asked, answer } = slowDescribe('RUNNING');
    const state = new CaseProcess(client, env).state(CASE);
    await settle();
    expect([...asked].sort()).toEqual(['describe', 'query']);
    answer();
    expect((await state).processes).toHaveLength(1);
  });

  it('drops the view of a process Temporal says no longer runs', async () => {
    const { client, answer } = slowDescribe('TERMINATED');
    const state = new CaseProcess(client, env).state(CASE);
    answer();
    expect(await state).toMatchObject({ status: 'TERMINATED', processes: [] });
  });

  it('asks no view of a case stored as closed whose process has ended (it would be replayed)', async () => {
    const { client, asked, answer } = slowDescribe('COMPLETED');
    answer();
    const state = await new CaseProcess(client, env).state({ ...CASE, status: 'closed' });
    expect(state).toMatchObject({ status: 'COMPLETED', processes: [] });
    expect(asked).toEqual(['describe']);
  });
});

describe('an action on a task the store holds open', () => {
  /** The case's runs, refusing a completion as not open when told to; what was asked of them. */
  function runs({
    open,
    ends = false,
    gone = false,
  }: {
    open: boolean;
    ends?: boolean;
    gone?: boolean;
  }) {
    const calls: string[] = [];
    const after = {
      status: ends ? 'completed' : 'running',
      openTasks: [],
      waitingFor: [],
      calls: [],
      stage: 'assessment',
    };
    const handle = (workflowId: string) => ({
      describe: async () => (calls.push(`describe ${workflowId}`), { status: { name: 'RUNNING' } }),
      query: async () => (calls.push(`query ${workflowId}`), after),
      startUpdate: async (update: { name: string }, options: { args: [object] }) => {
        calls.push(`${update.name} ${workflowId} ${JSON.stringify(options.args[0])}`);
        if (gone)
          throw new WorkflowNotFoundError(
            'workflow execution already completed',
            workflowId,
            undefined,
          );
        // As the SDK does: a validator's refusal is the update's outcome, thrown by its result.
        return {
          result: async () => {
            if (open) return after;
            throw new WorkflowUpdateFailedError(
              'refused',
              ApplicationFailure.create({ type: TASK_NOT_OPEN, nonRetryable: true }),
            );
          },
        };
      },
    });
    const client = {
      for: () => ({ workflow: { getHandle: handle } }),
      connection: { withAbortSignal: (_: AbortSignal, call: () => Promise<unknown>) => call() },
    } as unknown as CaseClients;
    return { client, calls };
  }
  const wf = `case-${CASE.id}`;
  const consent = { workflowId: wf, taskId: 't3', elementId: 'obtainConsent' };

  it('is one update naming the task by its id and element, with nothing read before', async () => {
    const { client, calls } = runs({ open: true });
    const done = await new CaseProcess(client, env).performStored(
      CASE,
      [consent],
      'consent',
      { consent: 'given' },
      'coord-1',
    );
    expect(done).toMatchObject({ settled: true, state: { status: 'RUNNING' } });
    expect(done!.state.processes.map((p) => p.view.stage)).toEqual(['assessment']);
    expect(calls).toEqual([
      `completeTask ${wf} {"taskId":"t3","elementId":"obtainConsent","data":{"consent":"given"},"by":"coord-1"}`,
    ]);
  });

  it('answers a step that ended the case as its run ended, with nothing left open', async () => {
    const { client } = runs({ open: true, ends: true });
    const done = await new CaseProcess(client, env).performStored(
      CASE,
      [consent],
      'consent',
      {},
      'coord-1',
    );
    expect(done).toMatchObject({ settled: true, state: { status: 'COMPLETED', processes: [] } });
  });

  it('does nothing when the store was behind, and leaves the answer to the read after', async () => {
    const { client, calls } = runs({ open: false });
    const process = new CaseProcess(client, env);
    expect(await process.performStored(CASE, [consent], 'consent', {}, 'coord-1')).toBeUndefined();
    expect(calls).toHaveLength(1); // the update alone: the read is the caller's, after
  });

  it('does nothing when the run the store names has ended (terminated from outside)', async () => {
    const { client } = runs({ open: true, gone: true });
    const process = new CaseProcess(client, env);
    expect(await process.performStored(CASE, [consent], 'consent', {}, 'coord-1')).toBeUndefined();
  });

  it('sends nothing when the store holds no one task for the action', async () => {
    const { client, calls } = runs({ open: true });
    const process = new CaseProcess(client, env);
    const assess = { ...consent, taskId: 't4', elementId: 'assess' };
    expect(await process.performStored(CASE, [assess], 'consent', {}, 'coord-1')).toBeUndefined();
    const two = [consent, { ...consent, workflowId: `${wf}/w2`, taskId: 't1' }];
    expect(await process.performStored(CASE, two, 'consent', {}, 'coord-1')).toBeUndefined();
    expect(await process.performStored(CASE, [consent], 'meeting.cancel', {}, 'x')).toBeUndefined();
    expect(calls).toEqual([]);
  });
});
