import { handoverNotice } from '@sss/domain';
import { recipientsOf } from './notices.activities';

describe('who a notice reaches', () => {
  const row = {
    assignedCoordinator: 'coord-3',
    planAgencies: ['houkatsu-kamakura'],
    supportMeetingAgencies: [],
  };

  it("tells a reassignment's coordinator, not whoever has the case when it is delivered", () => {
    const { notice } = handoverNotice('assignment/k1', ['person', 'coord-2'], 0);
    expect(recipientsOf(notice, row)).toEqual([['person', 'coord-2']]);
    // The process's notices for the coordinator still go to the one the case has.
    expect(recipientsOf({ to: 'coordinator' }, row)).toEqual([['person', 'coord-3']]);
  });

  it("tells a transfer's office only, not the plan's agencies", () => {
    const { notice } = handoverNotice('transfer/k1', ['agency', 'jiritsu-kamakura'], 0);
    expect(recipientsOf(notice, row)).toEqual([['agency', 'jiritsu-kamakura']]);
  });
});
