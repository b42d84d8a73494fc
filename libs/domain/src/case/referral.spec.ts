import { Referral, referralDifferences, supportMeetingAgencies } from './referral';

describe('supportMeetingAgencies', () => {
  it('always includes the referring agency, once, before the invited ones', () => {
    expect(supportMeetingAgencies('houkatsu')).toEqual(['houkatsu']);
    expect(supportMeetingAgencies('houkatsu', ['kikan', 'houkatsu', 'kikan'])).toEqual([
      'houkatsu',
      'kikan',
    ]);
  });
});

describe('referralDifferences', () => {
  const referral: Referral = {
    caseId: '0b9c2f7e-3c55-4d2b-9a51-6f1d2c3b4a59',
    municipality: '142042',
    programme: 'collaboration',
    fields: ['elderly', 'poverty'],
    referringAgency: 'houkatsu',
    householdName: '鎌倉家',
    supportMeetingAgencies: ['houkatsu', 'kikan'],
    issueTags: ['8050'],
    referredBy: 'coord-1',
  };
  const stored = {
    ...referral,
    fields: ['poverty', 'elderly'] as Referral['fields'],
    summary: null,
    issueTags: ['8050'],
    assignedCoordinator: 'coord-1',
  };

  it('finds none in a retry, whatever the order of its lists and whoever re-sends it', () => {
    expect(referralDifferences(stored, { ...referral, referredBy: 'coord-2' })).toEqual([]);
  });

  it('names each field a re-sent referral changes', () => {
    expect(
      referralDifferences(stored, {
        ...referral,
        householdName: '深沢家',
        summary: '新しい情報',
        fields: ['elderly'],
        assignedCoordinator: 'coord-9',
      }),
    ).toEqual(['fields', 'householdName', 'summary', 'assignedCoordinator']);
  });
});
