import { liveMeetingStatus, rescheduleRefusal } from './meeting-schedule';

describe('meeting schedule rules', () => {
  it('refuses a reschedule to the same instant, however it is spelled, and takes any other', () => {
    expect(rescheduleRefusal('2027-04-01T10:00:00+09:00', '2027-04-01T01:00:00Z')).toMatch(
      /already scheduled for that time/,
    );
    expect(rescheduleRefusal('2027-04-01T10:00:00+09:00', '2027-04-01T10:30:00+09:00')).toBeNull();
  });

  it('tells where a running meeting stands by its open task', () => {
    expect(liveMeetingStatus(['schedule'])).toBe('to_schedule');
    expect(liveMeetingStatus([])).toBe('scheduled');
    expect(liveMeetingStatus(['recordOutcome'])).toBe('awaiting_outcome');
  });
});
