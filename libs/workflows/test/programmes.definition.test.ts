import type { Variables } from '@sss/domain';
import { releasedDefinitionScenarios } from './case-driver';
import { recordHistory } from './history-fixtures';

const scenarios = releasedDefinitionScenarios();
const { records } = scenarios;

const referral = { caseId: 'c-1', householdName: '腰越 由美', fields: ['disability'] };

const startCase = (id: string, variables: Variables = { referral }) =>
  scenarios.startCase(id, variables);

describe('outreach, latest version', () => {
  it.each([
    ['outreach', 'collaboration@3'],
    ['outreach-kashiwa', 'collaboration-kashiwa@3'],
  ])(
    '%s keeps visiting for months, escalates when visits lapse, and hands over to %s on consent',
    async (id, collaboration) => {
      const { handle, drive, definition } = await startCase(id);
      const before = records.calls.length;
      for (let i = 0; i < 6; i++) {
        await scenarios.env.sleep('10 days');
        await drive.complete('visit', { visitResult: i % 2 ? 'met' : 'not_met' }, 'staff-1');
      }
      // Nobody visits for a month: the task escalates to the coordinator, then the manager.
      await scenarios.env.sleep('45 days');
      expect((await drive.openTask('visit')).task.escalationLevel).toBe(2);
      await drive.complete('visit', { visitResult: 'consent_given' }, 'staff-1');

      // The collaboration case starts at assessment: consent is already recorded.
      await drive.openTask('assess');
      const processes = await drive.processes();
      expect(processes.map((p) => p.view.stage)).toEqual(['handed_over', 'assessment']);
      expect(processes[1].view.definition).toBe(collaboration);
      const mine = records.calls.slice(before);
      expect(mine.filter((c) => c.activity === 'recordContact').map((c) => c.input.kind)).toEqual([
        'failed_attempt',
        'contact',
        'failed_attempt',
        'contact',
        'failed_attempt',
        'contact',
        'contact',
      ]);
      expect(mine.filter((c) => c.activity === 'recordConsent')).toHaveLength(1);
      expect(mine.filter((c) => c.activity === 'recordReferral')).toHaveLength(1);
      await recordHistory(handle, definition, 'visits-escalation-handover');
    },
  );

  it('ends in suspension when asked to while visiting', async () => {
    const { handle, drive } = await startCase('outreach');
    await drive.openTask('visit');
    await drive.send('suspendRequested', { endingReason: 'moved away' }, 'coord-1');
    expect((await handle.result()).status).toBe('suspended');
  });
});

describe('participation, latest version', () => {
  it('matches, supports settling in, closes when stable and keeps in touch, matching again when the tie breaks', async () => {
    const { handle, drive, definition } = await startCase('participation');
    const before = records.calls.length;
    await drive.complete('obtainConsent', { consent: 'given' });
    await drive.complete('assessNeeds', { assessmentSummary: 'wants to work a few hours a week' });
    await drive.complete('match', {
      resource: 'cafe in Ofuna',
      resourceKind: 'firm',
      followUpInterval: 'P3M',
    });
    await drive.complete('settle', { tieStable: false, settlingNote: 'second week' });
    await drive.complete('settle', { tieStable: true });
    expect((await drive.view()).stage).toBe('follow_up');

    // Follow-up every three months after closure.
    await scenarios.env.sleep('80 days');
    expect((await drive.view()).openTasks).toEqual([]);
    await scenarios.env.sleep('12 days');
    await drive.complete('followUp', { tieAlive: true });
    await scenarios.env.sleep('92 days');
    await drive.complete('followUp', { tieAlive: false, contactNote: 'stopped going' });
    await drive.openTask('match');

    const mine = records.calls.slice(before);
    expect(
      mine.filter((c) => c.activity === 'recordParticipation').map((c) => c.input.event),
    ).toEqual(['matched', 'settling', 'settled']);
    expect(mine.filter((c) => c.activity === 'recordCaseEnding').map((c) => c.input.kind)).toEqual([
      'closure',
    ]);
    expect(mine.filter((c) => c.activity === 'recordReopening')).toHaveLength(1);
    await recordHistory(handle, definition, 'matched-settled-followed-up-rematched');
  });

  it.each(['between follow-ups', 'during one'])(
    'ends follow-up on request %s, recording why',
    async (when) => {
      const { handle, drive, definition } = await startCase('participation', {
        consent: 'given',
        referral,
      });
      const before = records.calls.length;
      await drive.complete('assessNeeds', { assessmentSummary: 'wants a place to go' });
      await drive.complete('match', {
        resource: 'community cafe',
        resourceKind: 'place',
        followUpInterval: 'P1M',
      });
      await drive.complete('settle', { tieStable: true });
      if (when === 'during one') {
        await scenarios.env.sleep('32 days');
        await drive.openTask('followUp');
      } else {
        expect((await drive.view()).openTasks).toEqual([]);
      }
      expect((await drive.view()).stage).toBe('follow_up');
      await drive.send('terminateRequested', { endingReason: 'moved to her sister' }, 'coord-1');
      expect((await handle.result()).status).toBe('completed');
      const ended = records.calls
        .slice(before)
        .filter((c) => c.activity === 'recordParticipation' && c.input.event === 'follow_up_ended');
      expect(ended.map((c) => [c.input.note, c.context.by])).toEqual([
        ['moved to her sister', 'coord-1'],
      ]);
      await recordHistory(handle, definition, `follow-up-ended-${when.replace(/ /g, '-')}`);
    },
  );
});
