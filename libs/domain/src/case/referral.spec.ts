import { supportMeetingAgencies } from './referral';

describe('supportMeetingAgencies', () => {
  it('always includes the referring agency, once, before the invited ones', () => {
    expect(supportMeetingAgencies('houkatsu')).toEqual(['houkatsu']);
    expect(supportMeetingAgencies('houkatsu', ['kikan', 'houkatsu', 'kikan'])).toEqual([
      'houkatsu',
      'kikan',
    ]);
  });
});
