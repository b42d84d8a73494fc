import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { releasedDefinitions } from '@sss/definitions';
import { DEFAULT_WORKING_CALENDAR, WorkingCalendar } from '@sss/domain';
import type { NoticeDelivery } from '../src/process/notice-activities';
import { workflowSinks } from '@sss/temporal/workflow-sinks';
import { caseDriver, recordingActivities } from './case-driver';
import { recordHistory } from './history-fixtures';
import { processHarness } from './process-harness';
import { startTimeSkippingServer, workflowBundle } from './time-skipping';

/**
 * The monitoring reminders of collaboration@1 across Golden Week, with every delivery failing
 * its first attempt (the activity is retried) and the worker replaced twice mid-case: each
 * notice comes at its working moment, and exactly once.
 */
const DAY = 86_400_000;
const calendar = new WorkingCalendar(DEFAULT_WORKING_CALENDAR);
let env: TestWorkflowEnvironment;
const records = recordingActivities();
const attempts = new Map<string, number>();
const delivered: NoticeDelivery[] = [];

async function deliverNotice(delivery: NoticeDelivery): Promise<void> {
  const attempt = (attempts.get(delivery.key) ?? 0) + 1;
  attempts.set(delivery.key, attempt);
  if (attempt === 1) throw new Error('mail server unavailable');
  delivered.push(delivery);
}
const activities = { ...records.activities, deliverNotice };
// No cached (sticky) runs: every workflow task replays the history, as after a worker restart,
// and a replaced worker takes over at once.
const uncached = { maxCachedWorkflows: 0 };

beforeAll(async () => {
  env = await startTimeSkippingServer();
});
afterAll(async () => {
  await env?.teardown();
});

it('reminds before a monitoring due after Golden Week on the last working day before it, chases on working days, and never twice', async () => {
  const harness = await processHarness(env, activities, uncached);
  let worker: Worker = harness.worker;
  let running = worker.run();
  /** Shuts the worker down and starts a fresh one on the queue: the case replays from history. */
  const replaceWorker = async () => {
    worker.shutdown();
    await running;
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: harness.taskQueue,
      workflowBundle: await workflowBundle(),
      activities,
      sinks: workflowSinks(),
      ...uncached,
    });
    running = worker.run();
  };

  try {
    const pinned = releasedDefinitions().pin('collaboration');
    const handle = await harness.start(
      pinned.definitions[pinned.root],
      {
        referral: {
          caseId: 'c-gw',
          householdName: '腰越 花子',
          fields: ['children'],
          referringAgency: 'kodomo-katei-soudan',
        },
      },
      {
        others: Object.values(pinned.definitions),
        bindings: pinned.bindings,
        calendar: DEFAULT_WORKING_CALENDAR,
      },
    );
    const drive = caseDriver(env, handle);
    await drive.complete('obtainConsent', { consent: 'given' });
    await drive.complete('assess', { assessmentSummary: 'young carer' });
    await drive.complete('draftPlan', {
      goals: 'the daughter keeps going to school',
      agencies: ['kodomo-katei-soudan'],
      monitoringInterval: 'P1M',
      contactInterval: 'P6M',
    });
    await drive.holdMeeting({ outcome: 'agreed', approvedPlanVersion: 1 });

    // Plan consent on the next 6 April, 10:00 in Japan: monitoring falls due on 6 May, the day
    // after Golden Week; seven days before is 29 April (昭和の日), a holiday.
    const now = Date.parse((await drive.openTask('planConsent')).task.createdAt);
    const year = new Date(now + 9 * 3_600_000).getUTCFullYear();
    const target = [year, year + 1]
      .map((y) => Date.parse(`${y}-04-06T10:00:00+09:00`))
      .find((t) => t > now)!;
    await env.sleep(target - now);
    await drive.complete('planConsent', { planAgreed: true });
    const due = Date.parse((await drive.openTask('monitor')).task.dueAt!);
    expect(new Date(due + 9 * 3_600_000).toISOString().slice(5, 16)).toBe('05-06T10:00');

    await env.sleep(10 * DAY);
    await replaceWorker();
    await env.sleep(25 * DAY); // five days past due: the first chase has gone out
    await replaceWorker();
    await env.sleep(10 * DAY);

    const monitor = delivered.filter((d) => d.notice.elementId === 'monitor');
    const at = (kind: string, to: string) =>
      monitor.filter((d) => d.notice.kind === kind && d.notice.to === to).map((d) => d.notice.at);

    // Before: the last working moment on or before due minus seven days (in 2027: Wednesday
    // 28 April, 10:00, since 29 April is a holiday).
    expect(at('reminder', 'agency_staff')).toEqual([
      calendar.workingMomentOnOrBefore(due - 7 * DAY),
    ]);
    expect(calendar.isWorkingMoment(due - 7 * DAY)).toBe(false);
    if (new Date(target).getUTCFullYear() === 2027) {
      expect(new Date(at('reminder', 'agency_staff')[0]).toISOString()).toBe(
        '2027-04-28T01:00:00.000Z',
      );
    }
    // Overdue: chases every three days, each moved to the next working moment.
    const chases = at('reminder', 'coordinator');
    expect(chases.length).toBeGreaterThanOrEqual(3);
    expect(chases[0]).toBe(calendar.nextWorkingMoment(due + 3 * DAY));
    expect(chases.every((t) => calendar.isWorkingMoment(t))).toBe(true);
    // Escalation to the coordinator after seven days, to the manager after fourteen.
    expect(at('escalation', 'coordinator')).toEqual([calendar.nextWorkingMoment(due + 7 * DAY)]);
    expect(at('escalation', 'manager')).toEqual([calendar.nextWorkingMoment(due + 14 * DAY)]);

    // Every notice was retried (its first attempt failed) and delivered once, across restarts.
    const keys = monitor.map((d) => d.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.every((k) => attempts.get(k) === 2)).toBe(true);
    // Replayed in CI: a history made after the zoned-durations patch, with retried notices.
    await recordHistory(handle, pinned.root, 'golden-week-retried-restarted');
  } finally {
    worker.shutdown();
    await running;
  }
});
