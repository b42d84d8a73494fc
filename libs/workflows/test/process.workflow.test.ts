import { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { FlowElement, ProcessDefinition } from '@sss/domain';
import { definition, end, start, task } from '../../domain/src/process/test/builders';
import {
  completeTaskUpdate,
  messageSignal,
  processViewQuery,
} from '../src/process/process-messages';
import { processHarness, testActivities } from './process-harness';
import { startTimeSkippingServer } from './time-skipping';

let env: TestWorkflowEnvironment;
const probe = testActivities();
let harness: Awaited<ReturnType<typeof processHarness>>;
let running: Promise<void>;

beforeAll(async () => {
  env = await startTimeSkippingServer();
  harness = await processHarness(env, probe.activities);
  running = harness.worker.run();
});
afterAll(async () => {
  harness?.worker.shutdown();
  await running;
  await env?.teardown();
});

const within = <T>(fn: () => Promise<T>) => fn();
type Handle = Awaited<ReturnType<typeof harness.start>>;
const view = (h: Handle) => h.query(processViewQuery);
const taskOf = async (h: Handle, elementId: string) =>
  (await view(h)).openTasks.find((t) => t.elementId === elementId)?.id ?? 'none';
const complete = async (h: Handle, elementId: string, data = {}) =>
  h.executeUpdate(completeTaskUpdate, {
    args: [{ taskId: await taskOf(h, elementId), data, by: 'coord-1' }],
  });

describe('user task completed through an update', () => {
  const def = definition(
    [
      start,
      task('assess', {
        stage: 'assessment',
        dueIn: 'P14D',
        form: { needs: { type: 'string', required: true } },
      } as Partial<FlowElement>),
      end,
    ],
    ['start->assess', 'assess->end'],
    { needs: { type: 'string' } },
  );

  it('completes the task, records who did it and finishes the process', () =>
    within(async () => {
      const h = await harness.start(def);
      const after = await complete(h, 'assess', { needs: 'housing' });
      expect(after.completedSteps[0]).toMatchObject({ elementId: 'assess', by: 'coord-1' });
      expect(await h.result()).toEqual({
        status: 'completed',
        variables: { needs: 'housing' },
        by: 'coord-1',
      });
    }));

  it('rejects an unknown task and invalid data without writing to the history', () =>
    within(async () => {
      const h = await harness.start(def);
      const openTask = await taskOf(h, 'assess');
      const reject = (taskId: string, data: object, elementId?: string) =>
        h
          .executeUpdate(completeTaskUpdate, {
            args: [{ taskId, ...(elementId && { elementId }), data, by: 'x' }],
          })
          .then(() => 'accepted')
          .catch((e: unknown) =>
            e instanceof WorkflowUpdateFailedError ? (e.cause as { type?: string }).type : e,
          );
      expect(await reject('task999', { needs: 'x' })).toBe('TaskNotOpen');
      expect(await reject(openTask, { needs: 7 })).toBe('InvalidTaskData');
      // The open task's id, named with another element (as an earlier run's task would be).
      expect(await reject(openTask, { needs: 'x' }, 'plan')).toBe('TaskNotOpen');
      // No update was accepted into the history. (The real server also drops the workflow task of a
      // rejected update; the time-skipping server keeps it, so only update events are counted.)
      const updateEvents = (await h.fetchHistory()).events?.filter(
        (e) =>
          e.workflowExecutionUpdateAcceptedEventAttributes ||
          e.workflowExecutionUpdateCompletedEventAttributes,
      );
      expect(updateEvents).toEqual([]);
      expect((await view(h)).openTasks).toHaveLength(1);
    }));

  it('hands its worker a snapshot of its open tasks after each task, and none once it ends', () =>
    within(async () => {
      const h = await harness.start(def);
      const opened = await view(h);
      expect(harness.snapshots.get(h.workflowId)).toEqual({
        definition: 'test@1',
        running: true,
        stage: 'assessment',
        tasks: [
          {
            id: opened.openTasks[0]!.id,
            elementId: 'assess',
            name: null,
            role: 'coordinator',
            createdAt: opened.openTasks[0]!.createdAt,
            dueAt: opened.openTasks[0]!.dueAt,
            overdue: false,
          },
        ],
      });
      await env.sleep('15 days');
      await view(h);
      expect(harness.snapshots.get(h.workflowId)?.tasks[0]).toMatchObject({ overdue: true });
      await complete(h, 'assess', { needs: 'housing' });
      await h.result();
      expect(harness.snapshots.get(h.workflowId)).toMatchObject({ running: false, tasks: [] });
    }));

  it('shows the stage, open tasks and due date in the query and in search attributes', () =>
    within(async () => {
      const h = await harness.start(def);
      const v = await view(h);
      expect(v).toMatchObject({ status: 'running', stage: 'assessment', overdue: false });
      const attrs = (await h.describe()).searchAttributes;
      expect(attrs).toMatchObject({
        CaseStage: ['assessment'],
        OpenTasks: ['assess'],
        Overdue: [false],
        EscalationLevel: [0],
        ProcessDefinition: ['test@1'],
      });
      await env.sleep('15 days');
      await view(h); // a query after the wake-up makes sure the worker has run it
      expect((await h.describe()).searchAttributes).toMatchObject({ Overdue: [true] });
    }));
});

describe('due dates inside the workflow sandbox', () => {
  it("count a month on Japan's calendar, whatever the worker's time zone", () =>
    within(async () => {
      // 31 January 08:00 in Japan is still 30 January in UTC: the task falls due on 28 February
      // 08:00 in Japan (the month's end), not on 1 March as the UTC calendar would have it.
      const now = await env.currentTimeMs(); // the tests before have moved the server's clock
      const year = new Date(now).getUTCFullYear();
      const target = [year, year + 1]
        .map((y) => Date.parse(`${y}-01-31T08:00:00+09:00`))
        .find((t) => t > now)!;
      await env.sleep(target - now);
      const h = await harness.start(
        definition(
          [start, task('assess', { dueIn: 'P1M' }), end],
          ['start->assess', 'assess->end'],
        ),
      );
      const [assess] = (await view(h)).openTasks;
      const due = new Date(Date.parse(assess.dueAt!) + 9 * 3_600_000).toISOString();
      expect(due.slice(5, 16)).toBe('02-28T08:00');
    }));
});

describe('boundary timer on a user task', () => {
  it('an interrupting timer takes over when the task waits too long', () =>
    within(async () => {
      const def = definition(
        [
          start,
          task('consent'),
          {
            id: 'tooLong',
            type: 'boundaryEvent',
            attachedTo: 'consent',
            timer: { duration: 'P60D' },
          },
          task('supportMeeting'),
          end,
        ],
        ['start->consent', 'consent->end', 'tooLong->supportMeeting', 'supportMeeting->end'],
      );
      const h = await harness.start(def);
      await env.sleep('59 days');
      expect((await view(h)).activeElements).toEqual(['consent']);
      await env.sleep('2 days');
      expect((await view(h)).activeElements).toEqual(['supportMeeting']);
    }));

  it('a non-interrupting cycle re-approaches every month while the task stays open', () =>
    within(async () => {
      const def = definition(
        [
          start,
          task('consent'),
          {
            id: 'monthly',
            type: 'boundaryEvent',
            attachedTo: 'consent',
            interrupting: false,
            timer: { cycle: { every: 'P1M' } },
          },
          task('reapproach'),
          end,
        ],
        ['start->consent', 'consent->end', 'monthly->reapproach', 'reapproach->end'],
      );
      const h = await harness.start(def);
      await env.sleep('95 days');
      const tasks = (await view(h)).openTasks.map((t) => t.elementId).sort();
      expect(tasks).toEqual(['consent', 'reapproach', 'reapproach', 'reapproach']);
    }));
});

describe('event-based gateway racing a timer and a message', () => {
  const def = definition(
    [
      start,
      { id: 'race', type: 'eventBasedGateway' },
      { id: 'contact', type: 'intermediateCatchEvent', message: { name: 'contactRecorded' } },
      { id: 'silence', type: 'intermediateCatchEvent', timer: { duration: 'P30D' } },
      { id: 'ok', type: 'endEvent', outcome: 'completed' },
      { id: 'lost', type: 'endEvent', outcome: 'suspended' },
    ],
    ['start->race', 'race->contact', 'race->silence', 'contact->ok', 'silence->lost'],
  );

  it('the message wins when it comes in time', () =>
    within(async () => {
      const h = await harness.start(def);
      await env.sleep('10 days');
      await h.signal(messageSignal, { name: 'contactRecorded' });
      expect((await h.result()).status).toBe('completed');
    }));

  it('the timer wins when nothing comes', () =>
    within(async () => {
      const h = await harness.start(def);
      await env.sleep('31 days');
      expect((await h.result()).status).toBe('suspended');
    }));
});

describe('parallel join', () => {
  it('waits for both branches, whichever order they finish in', () =>
    within(async () => {
      const def = definition(
        [
          start,
          { id: 'fork', type: 'parallelGateway' },
          task('housing'),
          task('income'),
          { id: 'join', type: 'parallelGateway' },
          end,
        ],
        [
          'start->fork',
          'fork->housing',
          'fork->income',
          'housing->join',
          'income->join',
          'join->end',
        ],
      );
      const h = await harness.start(def);
      await complete(h, 'income');
      expect((await view(h)).activeElements).toEqual(['housing']);
      await complete(h, 'housing');
      expect((await h.result()).status).toBe('completed');
    }));
});

describe('service task', () => {
  it('runs its activity with mapped input, retries failures, and maps the result', () =>
    within(async () => {
      const def = definition(
        [
          start,
          {
            id: 'record',
            type: 'serviceTask',
            activity: 'recordPlan',
            input: { goal: { var: 'goal' } },
            output: { planVersion: 'version' },
          },
          end,
        ],
        ['start->record', 'record->end'],
        { goal: { type: 'string' }, planVersion: { type: 'number' } },
      );
      probe.failNextCalls(2);
      const before = probe.calls.length;
      const h = await harness.start(def, { goal: 'stable income' });
      expect(await h.result()).toEqual({
        status: 'completed',
        variables: { goal: 'stable income', planVersion: 2 },
      });
      expect(probe.calls.slice(before)).toEqual(
        Array(3).fill({ activity: 'recordPlan', input: { goal: 'stable income' } }),
      );
    }));

  it('shows an activity that keeps failing (ActivityFailing) and goes on retrying until it succeeds', () =>
    within(async () => {
      const def = definition(
        [start, { id: 'record', type: 'serviceTask', activity: 'recordPlan' }, end],
        ['start->record', 'record->end'],
      );
      probe.failNextCalls(4); // a whole round of three attempts, then one more
      const before = probe.calls.length;
      const h = await harness.start(def);
      let failingSeen = false;
      for (let i = 0; i < 100 && !failingSeen; i++) {
        failingSeen = (await h.describe()).searchAttributes.ActivityFailing?.[0] === true;
        if (!failingSeen) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(failingSeen).toBe(true);
      expect((await h.result()).status).toBe('completed');
      expect(probe.calls.length - before).toBe(5);
      expect((await h.describe()).searchAttributes.ActivityFailing).toEqual([false]);
    }));
});

describe('call activity', () => {
  it('runs the called definition as a child and maps its variables back', () =>
    within(async () => {
      const meeting: ProcessDefinition = {
        ...definition(
          [
            start,
            task('hold', { form: { decision: { type: 'string' } } } as Partial<FlowElement>),
            end,
          ],
          ['start->hold', 'hold->end'],
          { decision: { type: 'string' }, occasion: { type: 'string' } },
        ),
        id: 'meeting',
        version: 3,
      };
      const parent = definition(
        [
          start,
          {
            id: 'meet',
            type: 'callActivity',
            calledElement: 'meeting',
            version: 'latest',
            input: { occasion: 'plan-creation' },
            output: { planDecision: 'decision' },
          },
          end,
        ],
        ['start->meet', 'meet->end'],
        { planDecision: { type: 'string' } },
      );
      const h = await harness.start(
        parent,
        {},
        {
          others: [meeting],
          bindings: { 'meeting@latest': 'meeting@3' },
        },
      );
      const childId = `${h.workflowId}/w2`;
      const child = env.client.workflow.getHandle(childId);
      let childTask = 'none';
      while (childTask === 'none') {
        childTask = await child
          .query(processViewQuery)
          .then((v) => v.openTasks[0]?.id ?? 'none')
          .catch(() => 'none');
      }
      expect((await child.query(processViewQuery)).variables).toEqual({
        occasion: 'plan-creation',
      });
      // The meeting's own task is in its own snapshot, under the child's workflow id.
      expect(harness.snapshots.get(childId)?.tasks).toEqual([
        expect.objectContaining({ id: childTask, elementId: 'hold' }),
      ]);
      await child.executeUpdate(completeTaskUpdate, {
        args: [{ taskId: childTask, data: { decision: 'approved' }, by: 'coord-1' }],
      });
      expect(await h.result()).toEqual({
        status: 'completed',
        variables: { planDecision: 'approved' },
      });
    }));
});

describe('continue-as-new', () => {
  it('carries the whole state across runs in the middle of a wait, for years', () =>
    within(async () => {
      const def = definition(
        [
          start,
          task('consent', {
            dueIn: 'P30D',
            form: { consent: { type: 'string' } },
          } as Partial<FlowElement>),
          {
            id: 'monthly',
            type: 'boundaryEvent',
            attachedTo: 'consent',
            interrupting: false,
            timer: { cycle: { every: 'P1M' } },
          },
          { id: 'noted', type: 'endEvent', outcome: 'completed' },
          end,
        ],
        ['start->consent', 'consent->end', 'monthly->noted'],
        { consent: { type: 'string' }, household: { type: 'string' } },
      );
      const h = await harness.start(def, { household: 'h-1' }, { continueAsNewAt: 40 });
      const firstRun = (await h.describe()).runId;
      await env.sleep('730 days');
      const v = await view(h);
      expect((await h.describe()).runId).not.toBe(firstRun);
      expect(v.openTasks.map((t) => t.elementId)).toEqual(['consent']);
      expect(v.variables).toEqual({ household: 'h-1' });
      expect(v.completedCount).toBeGreaterThanOrEqual(46); // 23 cycles: the boundary and its end
      await complete(h, 'consent', { consent: 'given' });
      expect((await h.result()).status).toBe('completed');
    }));
});
