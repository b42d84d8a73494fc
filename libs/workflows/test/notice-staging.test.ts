import { TestWorkflowEnvironment } from '@temporalio/testing';
import { definitionKey, type FlowElement } from '@sss/domain';
import { definition, end, start, task } from '../../domain/src/process/test/builders';
import type { NoticeDelivery, NoticeStaging } from '../src/process/notice-activities';
import { completeTaskUpdate, processViewQuery } from '../src/process/process-messages';
import { recordHistory } from './history-fixtures';
import { processHarness } from './process-harness';
import { startTimeSkippingServer } from './time-skipping';

/**
 * The notices a deadline will send are staged in the store ahead of it; the process leaves to
 * the store those it says it holds, and sends the others itself, under the staged key.
 */
const DAY = 86_400_000;
const def = definition(
  [
    start,
    task('visit', {
      dueIn: 'P2D',
      reminders: [{ before: 'P1D' }],
      form: { note: { type: 'string' } },
    } as Partial<FlowElement>),
    end,
  ],
  ['start->visit', 'visit->end'],
  { note: { type: 'string' } },
);

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await startTimeSkippingServer();
});
afterAll(async () => {
  await env?.teardown();
});

/** A store that records each staging and holds all (or none) of what it is given. */
async function withStore(holds: boolean) {
  const stagings: NoticeStaging[] = [];
  const delivered: NoticeDelivery[] = [];
  const harness = await processHarness(env, {
    stageNotices: async (staging: NoticeStaging) => {
      stagings.push(staging);
      return holds ? staging.notices.map((n) => n.delivery.key) : [];
    },
    deliverNotice: async (delivery: NoticeDelivery) => void delivered.push(delivery),
  });
  const running = harness.worker.run();
  const h = await harness.start(def);
  const kinds = (s: NoticeStaging) => s.notices.map((n) => n.delivery.notice.kind);
  // A run left waiting without its worker would keep the test server from skipping time.
  const stop = async () => {
    await h.terminate().catch(() => undefined);
    harness.worker.shutdown();
    await running;
  };
  return { h, stagings, delivered, kinds, stop };
}

const complete = async (h: Awaited<ReturnType<typeof withStore>>['h']) => {
  const view = await h.query(processViewQuery);
  const taskId = view.openTasks[0].id;
  await h.executeUpdate(completeTaskUpdate, { args: [{ taskId, data: {}, by: 'coord-1' }] });
};

it('stages the reminder, then the overdue notice, each for its time, and leaves both to the store that holds them', async () => {
  const s = await withStore(true);
  try {
    await env.sleep(DAY / 2);
    expect(s.stagings.map(s.kinds)).toEqual([['reminder']]);
    const dueAt = Date.parse((await s.h.query(processViewQuery)).openTasks[0].dueAt ?? '');
    expect(Date.parse(s.stagings[0].notices[0].deliverAt)).toBe(dueAt - DAY);
    await env.sleep(DAY);
    // The reminder's time has passed: the overdue notice is staged next, for the due time.
    expect(s.stagings.map(s.kinds)).toEqual([['reminder'], ['overdue']]);
    expect(Date.parse(s.stagings[1].notices[0].deliverAt)).toBe(dueAt);
    await env.sleep(DAY);
    const view = await s.h.query(processViewQuery);
    expect(view.openTasks[0].overdue).toBe(true);
    // The store sent them: the process sent neither.
    expect(s.delivered).toEqual([]);
    await complete(s.h);
    await s.h.result();
    // Replayed in CI: the staged path, with the store holding every notice.
    await recordHistory(s.h, definitionKey(def), 'reminder-and-overdue-staged-held');
  } finally {
    await s.stop();
  }
});

it('withdraws what it staged when the task is done before its time', async () => {
  const s = await withStore(true);
  try {
    await env.sleep(DAY / 2);
    await complete(s.h);
    await s.h.result();
    // The last staging stages nothing: the reminder staged before is withdrawn.
    expect(s.stagings.map(s.kinds)).toEqual([['reminder'], []]);
    await env.sleep(2 * DAY);
    expect(s.delivered).toEqual([]);
  } finally {
    await s.stop();
  }
});

it('sends the notices itself, under their staged keys, when the store holds none', async () => {
  const s = await withStore(false);
  try {
    await env.sleep(2 * DAY + 60_000);
    expect(s.delivered.map((d) => d.notice.kind)).toEqual(['reminder', 'overdue']);
    expect(s.delivered.map((d) => d.key)).toEqual(
      s.stagings.map((staging) => staging.notices[0].delivery.key),
    );
    await complete(s.h);
    await s.h.result();
  } finally {
    await s.stop();
  }
});
