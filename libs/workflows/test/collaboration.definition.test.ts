import { DEFAULT_WORKING_CALENDAR, Variables, WorkingCalendar } from '@sss/domain';
import { releasedDefinitionScenarios } from './case-driver';
import { recordHistory } from './history-fixtures';

const scenarios = releasedDefinitionScenarios();
const { records } = scenarios;

/** The 8050 household of the Kamakura guide (fictional). */
const referral = {
  caseId: 'c-8050',
  householdName: '鎌倉 太郎',
  fields: ['elderly', 'poverty'],
  referringAgency: 'houkatsu-kamakura',
};
const plan = (monitoringInterval = 'P1M') => ({
  goals: 'father keeps living at home; son takes the first step outside',
  agencies: ['houkatsu-kamakura', 'jiritsu-kamakura'],
  monitoringInterval,
  contactInterval: 'P2M',
});

const startCase = (id: string, variables: Variables = { referral }, more = {}) =>
  scenarios.startCase(id, variables, more);

describe('collaboration, latest version (Kamakura)', () => {
  it('carries an 8050 case from referral to closure: refused consent given two months later, a re-plan and a lost-contact episode', async () => {
    const { handle, drive, definition } = await startCase('collaboration');
    const before = records.calls.length;
    const noticesBefore = records.notices.length;

    // Consent refused: the case goes to the support meeting (Art. 106-6), then re-approach.
    await drive.complete('obtainConsent', {
      consent: 'refused',
      noConsentMeeting: 'support_meeting',
    });
    await drive.holdMeeting({ outcome: 'agreed', decision: 'share information; visit monthly' });
    await drive.openTask('reapproach');
    expect((await drive.view()).stage).toBe('consent');
    await scenarios.env.sleep('30 days');
    await drive.complete('reapproach', { consent: 'not_yet' });
    await scenarios.env.sleep('30 days');
    await drive.complete('reapproach', { consent: 'given' });

    // Assessment, plan, the multi-layered support meeting, plan consent.
    await drive.complete('assess', {
      assessmentSummary: 'father: dementia; son: withdrawn 20 years',
    });
    await drive.complete('draftPlan', plan());
    await drive.holdMeeting({ outcome: 'agreed', approvedPlanVersion: 1 });
    await drive.complete('planConsent', { planAgreed: true });
    const monitoring = await drive.openTask('monitor');
    // Due at the plan's monitoring interval, one calendar month.
    const days =
      (Date.parse(monitoring.task.dueAt!) - Date.parse(monitoring.task.createdAt)) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(28);
    expect(days).toBeLessThanOrEqual(31);

    // Contact is recorded, then stays away longer than the plan's contact interval.
    await drive.send('contactRecorded', { contactChannel: 'visit' });
    await scenarios.env.sleep('20 days');
    await drive.complete('monitor', { monitoringNote: 'stable', next: 'continue' }, 'staff-1');
    await scenarios.env.sleep('62 days');
    const lost = await drive.openTask('restoreContact');
    expect(lost.task.role).toBe('agency_staff');
    expect(lost.task.name).toBe('連絡途絶：本人との接触を図る（アウトリーチ）');
    // Lost contact is the case's stage, though monitoring goes on beside it, and it is told at
    // once to the plan's agencies and the coordinator.
    expect((await drive.view()).stage).toBe('contact_lost');
    const told = records.notices
      .filter((n) => n.notice.elementId === 'contactOverdue')
      .sort((a, b) => a.notice.to.localeCompare(b.notice.to));
    expect(told.map((n) => [n.notice.kind, n.notice.to, n.taskName])).toEqual([
      ['event_notice', 'agency_staff', '連絡途絶（計画の間隔を超えて連絡なし）'],
      ['event_notice', 'coordinator', '連絡途絶（計画の間隔を超えて連絡なし）'],
    ]);
    // The task opens once the loss is recorded, moments later.
    const lostAt = told[0].notice.at;
    expect(Date.parse(lost.task.createdAt) - lostAt).toBeLessThan(60_000);
    await scenarios.env.sleep('8 days');
    expect(await drive.view()).toMatchObject({ overdue: true });
    expect((await drive.openTask('restoreContact')).task.escalationLevel).toBe(2);
    // The chain counts from the loss: the coordinator a day later, the manager a week later.
    const chain = records.notices.filter(
      (n) => n.notice.elementId === 'restoreContact' && n.notice.kind === 'escalation',
    );
    expect(chain.map((n) => [n.notice.to, Math.round((n.notice.at - lostAt) / 3_600_000)])).toEqual(
      [
        ['coordinator', 24],
        ['manager', 7 * 24],
      ],
    );
    await drive.complete('restoreContact', { contactEffort: 'outreach' }, 'staff-1');
    await drive.send('contactRecorded', { contactChannel: 'phone' });
    await drive.openTask('monitor');
    expect((await drive.view()).activeElements).toEqual(
      expect.arrayContaining(['monitor', 'contactWatch', 'attemptFailed']),
    );

    // Re-plan through monitoring: plan version 2 goes to a meeting on plan change.
    await drive.complete('monitor', { monitoringNote: 'son joined a group', next: 'replan' });
    await drive.complete('draftPlan', plan('P2M'));
    await drive.holdMeeting({ outcome: 'agreed', approvedPlanVersion: 2 });
    await drive.complete('planConsent', { planAgreed: true });
    await drive.openTask('monitor');

    // Termination requested at any time: the meeting judging termination agrees; the case closes.
    await drive.send('terminateRequested', {}, 'coord-1');
    await drive.holdMeeting({
      outcome: 'agreed',
      decision: 'goals met; community centre follows up',
    });
    const result = await handle.result();
    expect(result.status).toBe('completed');

    const mine = records.calls.slice(before);
    expect(mine.filter((c) => c.activity === 'recordConsent').map((c) => c.input.status)).toEqual([
      'refused',
      'not_yet',
      'given',
      'given',
      'given',
    ]);
    expect(
      mine
        .filter((c) => c.activity === 'recordMeeting')
        .map((c) => [c.input.kind, c.input.occasion]),
    ).toEqual([
      ['support_meeting', 'information_sharing'],
      ['multilayer_meeting', 'plan_creation'],
      ['multilayer_meeting', 'plan_change'],
      ['multilayer_meeting', 'termination'],
    ]);
    expect(mine.filter((c) => c.activity === 'recordContact').map((c) => c.input.kind)).toEqual([
      'contact',
      'contact_lost',
      'failed_attempt',
      'contact',
    ]);
    expect(mine.find((c) => c.activity === 'recordCaseEnding')?.input).toMatchObject({
      kind: 'closure',
    });
    // Every record names its step (the idempotency key) and, when a person acted, who.
    expect(new Set(mine.map((c) => c.context.step)).size).toBe(mine.length);
    expect(mine.find((c) => c.activity === 'recordMonitoring')?.context.by).toBe('staff-1');
    // Each of the four meetings invited its attendees and reminded them the working day before.
    const meetingNotices = records.notices
      .slice(noticesBefore)
      .filter((n) => n.notice.elementId === 'meetingDay' && n.notice.to === 'agency_staff');
    expect(meetingNotices.map((n) => [n.notice.kind, n.notice.agencies])).toEqual(
      Array(4)
        .fill([
          ['invitation', ['houkatsu-kamakura', 'kikan-soudan']],
          ['event_reminder', ['houkatsu-kamakura', 'kikan-soudan']],
        ])
        .flat(),
    );
    await recordHistory(handle, definition, '8050-refused-replan-lost-contact-closed');
  });

  it('brings a case whose contact stays lost to a suspension meeting, and reopens it', async () => {
    const { handle, drive, definition } = await startCase('collaboration');
    await drive.complete('obtainConsent', { consent: 'given' });
    await drive.complete('assess', { assessmentSummary: 'young carer' });
    await drive.complete('draftPlan', plan());
    await drive.holdMeeting({ outcome: 'agreed', approvedPlanVersion: 1 });
    await drive.complete('planConsent', { planAgreed: true });
    await scenarios.env.sleep('61 days');
    await drive.complete('restoreContact', { contactEffort: 'lost' });
    await drive.holdMeeting({ outcome: 'agreed', decision: 'suspend; outreach continues' });
    const result = await handle.result();
    expect(result.status).toBe('suspended');
    await recordHistory(handle, definition, 'contact-lost-suspended');

    const reopened = await startCase('collaboration', { ...result.variables, reopened: true });
    expect((await reopened.drive.openTask('assess')).task.role).toBe('coordinator');
  });

  it('goes back to the no-consent path when consent is withdrawn, and suspends on request', async () => {
    const { handle, drive } = await startCase('collaboration');
    const before = records.calls.length;
    await drive.complete('obtainConsent', { consent: 'given' });
    await drive.complete('assess', { assessmentSummary: 'hikikomori' });
    await drive.complete('draftPlan', plan());
    await drive.holdMeeting({ outcome: 'agreed', approvedPlanVersion: 1 });
    await drive.complete('planConsent', { planAgreed: true });
    await drive.openTask('monitor');
    await drive.send(
      'consentWithdrawn',
      { consentNote: 'does not want the school told' },
      'coord-1',
    );
    await drive.holdMeeting({ outcome: 'agreed', decision: 'support meeting keeps watch' });
    await drive.complete('reapproach', { consent: 'given' });
    await drive.openTask('assess');
    expect((await drive.view()).stage).toBe('assessment');
    await drive.complete('assess', { assessmentSummary: 'hikikomori, consent again' });
    await drive.complete('draftPlan', plan());
    await drive.holdMeeting({ outcome: 'agreed', approvedPlanVersion: 2 });
    await drive.complete('planConsent', { planAgreed: true });
    await drive.send('suspendRequested', {}, 'coord-1');
    await drive.holdMeeting({ outcome: 'agreed', decision: 'moved to another city' });
    expect((await handle.result()).status).toBe('suspended');
    const mine = records.calls.slice(before);
    expect(mine.filter((c) => c.activity === 'recordConsent').map((c) => c.input.status)).toEqual([
      'given',
      'given',
      'withdrawn',
      'given',
      'given',
    ]);
    expect(mine.filter((c) => c.activity === 'recordMeeting').map((c) => c.input.occasion)).toEqual(
      ['plan_creation', 'information_sharing', 'plan_change', 'suspension'],
    );
    expect(mine.find((c) => c.activity === 'recordCaseEnding')?.input.kind).toBe('suspension');
  });

  it('refuses a plan the meeting did not agree and sends it back to drafting', async () => {
    const { drive } = await startCase('collaboration');
    await drive.complete('obtainConsent', { consent: 'given' });
    await drive.complete('assess', { assessmentSummary: 'hikikomori' });
    await drive.complete('draftPlan', plan());
    await drive.holdMeeting({ outcome: 'not_agreed' });
    await drive.openTask('draftPlan');
  });
});

describe('reminders on the working-day calendar of Kamakura', () => {
  it('reminds of a monitoring due on 2 January on the last working day before, in office hours, once', async () => {
    const { drive } = await startCase(
      'collaboration',
      { referral },
      { calendar: DEFAULT_WORKING_CALENDAR },
    );
    await drive.complete('obtainConsent', { consent: 'given' });
    await drive.complete('assess', { assessmentSummary: 'young carer' });
    await drive.complete('draftPlan', plan('P1M'));
    await drive.holdMeeting({ outcome: 'agreed', approvedPlanVersion: 1 });
    // Consent to the plan on the next 2 December, 09:00 in Japan: monitoring falls due on 2 January.
    const now = Date.parse((await drive.openTask('planConsent')).task.createdAt);
    const year = new Date(now + 9 * 3_600_000).getUTCFullYear();
    const target = [year, year + 1]
      .map((y) => Date.parse(`${y}-12-02T09:00:00+09:00`))
      .find((t) => t > now)!;
    await scenarios.env.sleep(target - now);
    await drive.complete('planConsent', { planAgreed: true });
    const due = Date.parse((await drive.openTask('monitor')).task.dueAt!);
    expect(new Date(due + 9 * 3_600_000).toISOString().slice(5, 16)).toBe('01-02T09:00');
    const before = records.notices.length;
    await scenarios.env.sleep('36 days'); // past the first working morning after the closure
    const monitorNotices = records.notices
      .slice(before)
      .filter((n) => n.notice.elementId === 'monitor');
    const reminders = monitorNotices.filter(
      (n) => n.notice.kind === 'reminder' && n.notice.to === 'agency_staff',
    );
    // Seven days before falls in the weekend before Christmas or on it; the reminder comes on
    // the last working day on or before, at the same hour (in 2026: Friday 25 December, 09:00).
    const calendar = new WorkingCalendar();
    expect(reminders.map((n) => n.notice.at)).toEqual([
      calendar.workingMomentOnOrBefore(due - 7 * 86_400_000),
    ]);
    expect(calendar.isWorkingMoment(reminders[0].notice.at)).toBe(true);
    // Overdue from 2 January, 09:00 (closed); the notice comes on the first working morning.
    const overdue = monitorNotices.filter((n) => n.notice.kind === 'overdue');
    expect(overdue.map((n) => n.notice.at)).toEqual([calendar.nextWorkingMoment(due)]);
    if (year === 2026)
      expect(new Date(reminders[0].notice.at).toISOString()).toBe('2026-12-25T00:00:00.000Z');
    // Every notice is delivered under its own key: retries and restarts cannot repeat it.
    expect(new Set(monitorNotices.map((n) => n.key)).size).toBe(monitorNotices.length);
  });
});

describe('collaboration-kashiwa, latest version', () => {
  it('runs the same case with the block meeting deciding the plan, with no code of its own', async () => {
    const { handle, drive, definition } = await startCase('collaboration-kashiwa');
    const before = records.calls.length;
    await drive.complete('obtainConsent', { consent: 'given' });
    await drive.complete('assess', { assessmentSummary: 'poverty and debt' });
    await drive.complete('draftPlan', plan());
    await drive.holdMeeting({ outcome: 'agreed', approvedPlanVersion: 1 });
    await drive.complete('planConsent', { planAgreed: true });
    await drive.complete('monitor', { monitoringNote: 'goals met', next: 'terminate' });
    await drive.holdMeeting({ outcome: 'agreed' });
    expect((await handle.result()).status).toBe('completed');
    const meetings = records.calls
      .slice(before)
      .filter((c) => c.activity === 'recordMeeting')
      .map((c) => [c.input.kind, c.input.occasion]);
    expect(meetings).toEqual([
      ['block_meeting', 'plan_creation'],
      ['multilayer_meeting', 'termination'],
    ]);
    await recordHistory(handle, definition, 'planned-monitored-closed');
  });
});
