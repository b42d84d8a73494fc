import { workflowSinks } from '@sss/temporal/workflow-sinks';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { releasedDefinitions } from '@sss/definitions';
import { DEFAULT_WORKING_CALENDAR, WorkingCalendar } from '@sss/domain';
import type { NoticeDelivery } from '../src/process/notice-activities';
import {
  completeTaskUpdate,
  messageSignal,
  processViewQuery,
  sendMessageUpdate,
} from '../src/process/process-messages';
import { recordHistory } from './history-fixtures';
import { processHarness } from './process-harness';
import { startTimeSkippingServer, workflowBundle } from './time-skipping';

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

describe('meeting@2: invitations and the reminder before the day, to the attendees', () => {
  const meeting2 = releasedDefinitions().get('meeting', 2);
  const calendar = new WorkingCalendar(DEFAULT_WORKING_CALENDAR);
  /** Notices delivered; while the channel is down, every attempt fails. */
  const notices: NoticeDelivery[] = [];
  let channelDown = false;
  let harness2: Awaited<ReturnType<typeof processHarness>>;
  let running2: Promise<void>;
  beforeAll(async () => {
    harness2 = await processHarness(env, {
      deliverNotice: async (delivery: NoticeDelivery) => {
        if (channelDown) throw new Error('the mail server is down');
        notices.push(delivery);
      },
    });
    running2 = harness2.worker.run();
  });
  afterAll(async () => {
    harness2?.worker.shutdown();
    await running2;
  });

  const startOnKamakuraCalendar = (kind: string, occasion: string) =>
    harness2.start(meeting2, { kind, occasion }, { calendar: DEFAULT_WORKING_CALENDAR });

  /** 10:00 in Japan, `days` days after the time-skipping clock's day. */
  const tenOClock = async (days: number) => {
    const day = new Date((await env.currentTimeMs()) + 9 * 3_600_000 + days * DAY);
    return Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 1);
  };
  const iso = (t: number) => new Date(t).toISOString();

  it('invites on every new date, reminds once on the working day before the one held, and chases the record', async () => {
    const h = await startOnKamakuraCalendar('support_meeting', 'plan_creation');
    const mine = () => notices.filter((n) => n.key.startsWith(h.firstExecutionRunId));
    let when = await tenOClock(20);
    const attendees = ['houkatsu-kamakura', 'kikan-soudan'];
    await complete(h, 'schedule', { scheduledAt: iso(when), attendees });
    // Moved a week on, fifteen times, each time before the reminder of the last date was due.
    const dates = [when];
    for (let i = 0; i < 15; i++) {
      await env.sleep('6 days');
      when += 7 * DAY;
      dates.push(when);
      const moved = i === 14 ? [...attendees, 'jiritsu-kamakura'] : attendees;
      await h.executeUpdate(sendMessageUpdate, {
        args: [
          {
            name: 'meetingRescheduled',
            payload: { scheduledAt: iso(when), attendees: moved },
            by: 'coord-1',
          },
        ],
      });
    }
    await env.sleep(`${Math.ceil((when - (await env.currentTimeMs())) / DAY) + 1} days`);
    expect((await h.query(processViewQuery)).activeElements).toEqual(['recordOutcome']);

    const invitations = mine().filter((n) => n.notice.kind === 'invitation');
    expect(invitations.map((n) => n.dueAt)).toEqual(dates.map(iso));
    expect(invitations.every((n) => n.notice.to === 'agency_staff')).toBe(true);
    expect(invitations[0].notice.agencies).toEqual(attendees);
    expect(invitations[15].notice.agencies).toEqual([...attendees, 'jiritsu-kamakura']);
    expect(invitations[0].taskName).toBe('The meeting is held');

    // Only the date held is reminded of: one working day before, in office hours, once each.
    const reminders = mine().filter((n) => n.notice.kind === 'event_reminder');
    const expected = calendar.workingMomentOnOrBefore(calendar.subtractWorkingDays(when, 1));
    const byRecipient = reminders.sort((a, b) => a.notice.to.localeCompare(b.notice.to));
    expect(byRecipient.map((n) => [n.notice.to, n.notice.agencies, n.notice.at])).toEqual([
      ['agency_staff', [...attendees, 'jiritsu-kamakura'], expected],
      ['coordinator', undefined, expected],
    ]);
    expect(calendar.isWorkingMoment(expected)).toBe(true);
    expect(reminders.every((n) => n.dueAt === iso(when))).toBe(true);
    expect(new Set(mine().map((n) => n.key)).size).toBe(mine().length);

    // The record is chased after the meeting, as in meeting@1. When depends on the day and hour
    // the clock reached (holidays, office hours): a day at a time, up to two weeks, each with a
    // moment for the timer's task and the notice's activity.
    const chased = () =>
      mine().some((n) => n.notice.kind === 'reminder' && n.notice.elementId === 'recordOutcome');
    for (let day = 0; day < 14 && !chased(); day++) {
      await env.sleep('1 day');
      for (let i = 0; i < 20 && !chased(); i++) await new Promise((r) => setTimeout(r, 100));
    }
    expect(chased()).toBe(true);
    await complete(h, 'recordOutcome', { outcome: 'agreed', approvedPlanVersion: 1 });
    expect((await h.result()).status).toBe('completed');
    await recordHistory(h, 'meeting@2', 'rescheduled-fifteen-times-reminded-held');
  });

  it('reminds of a meeting less than a working day ahead as soon as it can, before the meeting', async () => {
    const h = await startOnKamakuraCalendar('support_meeting', 'plan_creation');
    const mine = () => notices.filter((n) => n.key.startsWith(h.firstExecutionRunId));
    const scheduling = await env.currentTimeMs();
    // Two office hours after the next working moment: always less than a working day ahead.
    const when = calendar.nextWorkingMoment(scheduling) + 2 * 3_600_000;
    await complete(h, 'schedule', { scheduledAt: iso(when), attendees: ['kikan-soudan'] });
    await env.sleep(when - (await env.currentTimeMs()) + 60_000);
    const reminders = mine().filter((n) => n.notice.kind === 'event_reminder');
    expect(reminders.map((n) => n.notice.to).sort()).toEqual(['agency_staff', 'coordinator']);
    for (const { notice } of reminders) {
      expect(notice.at).toBeLessThan(when);
      // At the first working moment from scheduling (the update lands a moment after reading the clock).
      const soonest = calendar.nextWorkingMoment(scheduling);
      expect(notice.at).toBeGreaterThanOrEqual(soonest);
      expect(notice.at).toBeLessThan(soonest + 60_000);
      expect(calendar.isWorkingMoment(notice.at)).toBe(true);
    }
    await recordHistory(h, 'meeting@2', 'scheduled-less-than-a-working-day-ahead-reminded-at-once');
  });

  it('moved again and again within a working day while its notices are being sent, reminds of each date at once and once only', async () => {
    // No cached runs (every task replays the history, as on the product's worker) and notices
    // that take a moment: their completions fall into the tasks of the next moves.
    const sent: NoticeDelivery[] = [];
    const uncached = await processHarness(
      env,
      {
        deliverNotice: async (delivery: NoticeDelivery) => {
          await new Promise((resolve) => setTimeout(resolve, 40));
          sent.push(delivery);
        },
      },
      { maxCachedWorkflows: 0 },
    );
    const running = uncached.worker.run();
    // The case is read all along, as the console does.
    let reading = true;
    let readers: Promise<void> = Promise.resolve();
    try {
      const h = await uncached.start(
        meeting2,
        { kind: 'support_meeting', occasion: 'plan_creation' },
        { calendar: DEFAULT_WORKING_CALENDAR },
      );
      await env.sleep(
        calendar.nextWorkingMoment(await env.currentTimeMs()) - (await env.currentTimeMs()) + 1,
      );
      const from = await env.currentTimeMs();
      // Every date is less than a working day ahead: its reminders are due as it is set.
      const dates = [1, 2, 3, 4, 5].map((n) => from + n * 20 * 60_000);
      readers = (async () => {
        // Reads stop with the moves, or after 15 s whatever happens (a loaded machine).
        const until = Date.now() + 15_000;
        while (reading && Date.now() < until) {
          await h.query(processViewQuery).catch(() => undefined);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      })();
      await complete(h, 'schedule', { scheduledAt: iso(dates[0]), attendees: ['kikan-soudan'] });
      for (const when of dates.slice(1)) {
        await h.executeUpdate(sendMessageUpdate, {
          args: [
            { name: 'meetingRescheduled', payload: { scheduledAt: iso(when) }, by: 'coord-1' },
          ],
        });
      }
      reading = false;
      await readers;
      const moved = await env.currentTimeMs();
      await env.sleep(dates[4] - moved + 60_000);
      expect((await h.query(processViewQuery)).activeElements).toEqual(['recordOutcome']);

      const reminders = sent.filter((n) => n.notice.kind === 'event_reminder');
      expect(reminders.map((n) => [n.dueAt, n.notice.to]).sort()).toEqual(
        dates.flatMap((when) => [
          [iso(when), 'agency_staff'],
          [iso(when), 'coordinator'],
        ]),
      );
      // Each went out as its date was set, not when some other wake-up came.
      expect(reminders.every((n) => n.notice.at >= from && n.notice.at <= moved)).toBe(true);
      expect(new Set(sent.map((n) => n.key)).size).toBe(sent.length);
      // Ended before its worker goes: a run left waiting would hold the skipping clock.
      await complete(h, 'recordOutcome', { outcome: 'agreed' });
      expect((await h.result()).status).toBe('completed');
      await Worker.runReplayHistory(
        {
          workflowBundle: await workflowBundle(),
          sinks: workflowSinks(),
          replayName: 'moved within a day',
        },
        await h.fetchHistory(),
        h.workflowId,
      );
      await recordHistory(h, 'meeting@2', 'moved-within-a-day-while-notices-sent-reminded-at-once');
    } finally {
      reading = false;
      await readers;
      uncached.worker.shutdown();
      await running;
    }
  }, 300_000);

  it('tells the invited agencies when the date is called off, and waits to be scheduled anew', async () => {
    const h = await startOnKamakuraCalendar('field_meeting', 'information_sharing');
    // Its reminder, a working day before, falls after the call-off even across the year-end
    // holidays (a meeting on 5 January is reminded of on 27 or 28 December).
    const calledOff = (await env.currentTimeMs()) + 2 * DAY;
    let days = 10;
    while (calendar.subtractWorkingDays(await tenOClock(days), 1) <= calledOff + DAY) days++;
    const first = await tenOClock(days);
    await complete(h, 'schedule', { scheduledAt: iso(first), attendees: ['kikan-soudan'] });
    await env.sleep(calledOff - (await env.currentTimeMs()));
    await h.executeUpdate(sendMessageUpdate, {
      args: [{ name: 'meetingCancelled', payload: {}, by: 'coord-1' }],
    });
    expect((await h.query(processViewQuery)).activeElements).toEqual(['schedule']);
    await env.sleep('10 days'); // nothing comes for the date that was called off
    const second = await tenOClock(5);
    await complete(h, 'schedule', { scheduledAt: iso(second), attendees: ['kikan-soudan'] });
    await env.sleep('6 days');
    await complete(h, 'recordOutcome', { outcome: 'agreed' });
    expect((await h.result()).status).toBe('completed');

    const mine = notices.filter((n) => n.key.startsWith(h.firstExecutionRunId));
    const aboutTheDay = mine.filter((n) => n.notice.elementId !== 'schedule');
    expect(aboutTheDay.map((n) => [n.notice.kind, n.taskName, n.dueAt ?? null])).toEqual([
      ['invitation', 'The meeting is held', iso(first)],
      ['event_notice', 'Date called off', null],
      ['invitation', 'The meeting is held', iso(second)],
      ['event_reminder', 'The meeting is held', iso(second)],
      ['event_reminder', 'The meeting is held', iso(second)],
    ]);
    expect(new Set(mine.map((n) => n.key)).size).toBe(mine.length);
    await recordHistory(h, 'meeting@2', 'called-off-told-scheduled-anew');
  });

  it('ends when held even while its invitation cannot be sent, and the invitation still arrives once', async () => {
    channelDown = true;
    const h = await startOnKamakuraCalendar('support_meeting', 'information_sharing');
    const when = await tenOClock(3);
    await complete(h, 'schedule', { scheduledAt: iso(when), attendees: ['houkatsu-kamakura'] });
    await env.sleep('4 days');
    await complete(h, 'recordOutcome', { outcome: 'agreed' });
    // The meeting's run is over (its case goes on) while the invitation is still being retried.
    expect((await h.result()).status).toBe('completed');
    const sent = () => notices.filter((n) => n.key.startsWith(h.firstExecutionRunId));
    expect(sent()).toEqual([]);
    const handedOver = h.workflowId + '/notice/';
    const { executions } = await env.client.workflowService.listOpenWorkflowExecutions({
      namespace: env.namespace ?? 'default',
      maximumPageSize: 100,
    });
    const open = executions.filter((e) => e.execution?.workflowId?.startsWith(handedOver));
    expect(open.map((e) => e.type?.name)).toEqual(
      expect.arrayContaining(['noticeDeliveryWorkflow']),
    );

    channelDown = false;
    for (const e of open) {
      await env.client.workflow.getHandle(e.execution!.workflowId!).result();
    }
    const kinds = sent().map((n) => n.notice.kind);
    expect(kinds.filter((k) => k === 'invitation')).toHaveLength(1);
    expect(new Set(sent().map((n) => n.key)).size).toBe(sent().length);
    await recordHistory(h, 'meeting@2', 'held-while-invitation-failing');
  });
});
