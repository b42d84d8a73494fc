import { Context } from '@temporalio/activity';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { releasedDefinitions } from '@sss/definitions';
import type { ProcessView, Variables } from '@sss/domain';
import {
  childWorkflowId,
  completeTaskUpdate,
  processViewQuery,
  sendMessageUpdate,
} from '../src/process/process-messages';
import type { NoticeDelivery } from '../src/process/notice-activities';
import type { ProcessInput } from '../src/process/process-messages';
import type { ProcessActivities, StepContext } from '../src/process/process-activities';
import { processHarness } from './process-harness';
import { startTimeSkippingServer } from './time-skipping';

/**
 * Case record activities for workflow tests: each call is kept with its idempotency key, so a
 * scenario can assert what was recorded, in what order, by whom.
 */
export function recordingActivities() {
  const calls: { activity: string; input: Variables; context: StepContext }[] = [];
  // Plan versions count per case, as the database does.
  const planVersions = new Map<string, number>();
  const nextPlanVersion = () => {
    const id = Context.current().info.workflowExecution?.workflowId ?? '';
    const version = (planVersions.get(id) ?? 0) + 1;
    planVersions.set(id, version);
    return version;
  };
  const record =
    (activity: string, result: () => Variables = () => ({})) =>
    async (input: Variables, context: StepContext) => {
      calls.push({ activity, input, context });
      return result();
    };
  const activities: ProcessActivities = {
    recordReferral: record('recordReferral'),
    recordConsent: record('recordConsent'),
    recordAssessment: record('recordAssessment'),
    recordPlan: record('recordPlan', () => ({ version: nextPlanVersion() })),
    recordMeeting: record('recordMeeting'),
    recordMonitoring: record('recordMonitoring'),
    recordContact: record('recordContact'),
    recordCaseEnding: record('recordCaseEnding'),
    recordReopening: record('recordReopening'),
    recordParticipation: record('recordParticipation'),
  };
  /** Notices delivered, by key: a retried or repeated delivery shows as a second call. */
  const notices: NoticeDelivery[] = [];
  const deliverNotice = async (delivery: NoticeDelivery) => {
    notices.push(delivery);
  };
  const inputsOf = (activity: string) =>
    calls.filter((c) => c.activity === activity).map((c) => c.input);
  // The store holds none of the notices staged: the process sends every one itself.
  const stageNotices = async (): Promise<string[]> => [];
  return { calls, activities: { ...activities, deliverNotice, stageNotices }, notices, inputsOf };
}

/** Drives one case the way the API does: tasks may be open in the case or in a meeting it runs. */
export function caseDriver(env: TestWorkflowEnvironment, handle: WorkflowHandle) {
  const view = (h: WorkflowHandle = handle) => h.query(processViewQuery);

  /** The case and the processes it runs (meetings, a handed-over case), each with its view. */
  const processes = async (
    h: WorkflowHandle = handle,
  ): Promise<{ handle: WorkflowHandle; view: ProcessView }[]> => {
    const own = await view(h);
    const children = await Promise.all(
      own.calls.map((c) =>
        processes(env.client.workflow.getHandle(childWorkflowId(h.workflowId, c.workId))),
      ),
    );
    return [{ handle: h, view: own }, ...children.flat()];
  };

  /** The open task for an element, waiting briefly while records are written before it. */
  const openTask = async (elementId: string) => {
    for (let attempt = 0; attempt < 100; attempt++) {
      for (const p of await processes()) {
        const task = p.view.openTasks.find((t) => t.elementId === elementId);
        if (task) return { handle: p.handle, task };
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`${elementId} is not open; active: ${await active()}`);
  };

  const complete = async (elementId: string, data: Variables, by = 'coord-1') => {
    const { handle: h, task } = await openTask(elementId);
    return h.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, data, by }] });
  };

  const active = async () => (await processes()).flatMap((p) => p.view.activeElements).join(',');

  /** Schedules the running meeting in `days` days, waits for the day and records its outcome. */
  const holdMeeting = async (outcome: Variables, days = 7) => {
    const now = Date.parse((await openTask('schedule')).task.createdAt);
    await complete('schedule', {
      scheduledAt: new Date(now + days * 86_400_000).toISOString(),
      attendees: ['houkatsu-kamakura', 'kikan-soudan'],
    });
    await env.sleep(`${days + 1} days`);
    await complete('recordOutcome', outcome);
  };

  const send = (name: string, payload: Variables = {}, by = 'staff-1') =>
    handle.executeUpdate(sendMessageUpdate, { args: [{ name, payload, by }] });

  return { view, processes, openTask, complete, active, holdMeeting, send };
}

/**
 * Scenarios of released definitions: registers jest hooks that start a time-skipping server and
 * a worker with recording activities, and starts cases on a definition pinned as the API pins it.
 */
export function releasedDefinitionScenarios() {
  const records = recordingActivities();
  const registry = releasedDefinitions();
  let env: TestWorkflowEnvironment | undefined;
  let harness: Awaited<ReturnType<typeof processHarness>> | undefined;
  let running: Promise<void> | undefined;
  beforeAll(async () => {
    env = await startTimeSkippingServer();
    harness = await processHarness(env, records.activities);
    running = harness.worker.run();
  });
  afterAll(async () => {
    harness?.worker.shutdown();
    await running;
    await env?.teardown();
  });
  const started = () => {
    if (!env || !harness) throw new Error('the scenario server is not running');
    return { env, harness };
  };
  return {
    records,
    get env() {
      return started().env;
    },
    async startCase(id: string, variables: Variables, more: Partial<ProcessInput> = {}) {
      const { env, harness } = started();
      const pinned = registry.pinByHash(id);
      const handle = await harness.startPinned(pinned, variables, more);
      // The version it runs on (the latest) names the histories it records.
      return { handle, drive: caseDriver(env, handle), definition: pinned.root };
    },
  };
}
