import { releasedDefinitionScenarios } from './case-driver';
import { recordHistory } from './history-fixtures';

const scenarios = releasedDefinitionScenarios();
const { records } = scenarios;

const referral = { caseId: 'c-1', householdName: '七里 世帯', fields: ['general'] };

describe('community@1 (drawn in Camunda Modeler)', () => {
  it('hears the person, keeps visiting a community place until they settle in, and closes', async () => {
    const { handle, drive } = await scenarios.startCase('community', { referral });
    const before = records.calls.length;
    await drive.complete('assessNeeds', { assessmentSummary: 'looking for a daytime place' });
    for (let i = 0; i < 8; i++) {
      await scenarios.env.sleep('7 days');
      await drive.complete('visit', { visitResult: 'not_met' }, 'staff-1');
    }
    await drive.complete('visit', { visitResult: 'met', contactNote: 'settled in' }, 'staff-1');
    expect((await handle.result()).status).toBe('completed');

    const mine = records.calls.slice(before);
    expect(mine.filter((c) => c.activity === 'recordContact').map((c) => c.input.kind)).toEqual([
      ...Array(8).fill('failed_attempt'),
      'contact',
    ]);
    expect(mine.filter((c) => c.activity === 'recordCaseEnding').map((c) => c.input)).toEqual([
      { kind: 'closure', reason: 'settled in' },
    ]);
    await recordHistory(handle, 'community@1', 'visits-until-settled');
  });
});
