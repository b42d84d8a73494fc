import { TestWorkflowEnvironment } from '@temporalio/testing';
import { releasedDefinitions } from '@sss/definitions';
import {
  completeTaskUpdate,
  messageSignal,
  processViewQuery,
} from '../src/process/process-messages';
import { recordHistory } from './history-fixtures';
import { processHarness } from './process-harness';
import { startTimeSkippingServer } from './time-skipping';

let env: TestWorkflowEnvironment;
let harness: Awaited<ReturnType<typeof processHarness>>;
let running: Promise<void>;
const meeting = releasedDefinitions().get('meeting', 1);

beforeAll(async () => {
  env = await startTimeSkippingServer();
  harness = await processHarness(env, {});
  running = harness.worker.run();
});
afterAll(async () => {
  harness?.worker.shutdown();
  await running;
  await env?.teardown();
});

type Handle = Awaited<ReturnType<typeof harness.start>>;
const DAY = 86_400_000;

async function complete(h: Handle, elementId: string, data: Record<string, unknown>) {
  const view = await h.query(processViewQuery);
  const task = view.openTasks.find((t) => t.elementId === elementId);
  if (!task) throw new Error(`${elementId} is not open: ${JSON.stringify(view.activeElements)}`);
  return h.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, data, by: 'coord-1' }] });
}

async function schedule(h: Handle, inDays: number) {
  const now = Date.parse((await h.query(processViewQuery)).openTasks[0].createdAt);
  const scheduledAt = new Date(now + inDays * DAY).toISOString();
  await complete(h, 'schedule', { scheduledAt, attendees: ['houkatsu-kamakura', 'kikan-soudan'] });
  return scheduledAt;
}

const start = () =>
  harness.start(meeting, { kind: 'multilayer_meeting', occasion: 'plan_creation' });

describe('meeting@1', () => {
  it('is scheduled, held on the day and recorded with the plan version it approved', async () => {
    const h = await start();
    await schedule(h, 10);
    await env.sleep('9 days');
    expect((await h.query(processViewQuery)).activeElements).toEqual(['untilTheDay']);
    await env.sleep('2 days');
    await complete(h, 'recordOutcome', {
      outcome: 'agreed',
      decision: 'plan v1 agreed; housing support by the community support centre',
      approvedPlanVersion: 1,
      communityIssue: 'no evening place for withdrawn adults',
    });
    const result = await h.result();
    expect(result).toMatchObject({
      status: 'completed',
      variables: { outcome: 'agreed', approvedPlanVersion: 1 },
    });
    await recordHistory(h, 'meeting@1', 'held-and-recorded');
  });

  it('waits for the new date when rescheduled, many times over', async () => {
    const h = await start();
    let when = await schedule(h, 20);
    for (let i = 0; i < 30; i++) {
      when = new Date(Date.parse(when) + 7 * DAY).toISOString();
      await h.signal(messageSignal, { name: 'meetingRescheduled', payload: { scheduledAt: when } });
      await env.sleep('6 days');
    }
    expect((await h.query(processViewQuery)).activeElements).toEqual(['untilTheDay']);
    await env.sleep('60 days');
    await complete(h, 'recordOutcome', { outcome: 'agreed', approvedPlanVersion: 2 });
    expect((await h.result()).status).toBe('completed');
    await recordHistory(h, 'meeting@1', 'rescheduled-thirty-times');
  });

  it('goes back to scheduling when postponed, and ends when called off', async () => {
    const h = await start();
    await schedule(h, 3);
    await env.sleep('4 days');
    await complete(h, 'recordOutcome', { outcome: 'postponed' });
    expect((await h.query(processViewQuery)).activeElements).toEqual(['schedule']);
    await schedule(h, 5);
    await h.signal(messageSignal, { name: 'meetingCancelled' });
    expect((await h.result()).status).toBe('terminated');
    await recordHistory(h, 'meeting@1', 'postponed-then-called-off');
  });

  it('chases the record after the meeting and escalates to the manager', async () => {
    const h = await start();
    await schedule(h, 1);
    await env.sleep('12 days');
    const view = await h.query(processViewQuery);
    expect(view).toMatchObject({ overdue: true, escalationLevel: 1 });
    expect(view.openTasks).toMatchObject([{ elementId: 'recordOutcome', escalationLevel: 1 }]);
  });
});
