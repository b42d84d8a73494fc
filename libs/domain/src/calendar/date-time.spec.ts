import { dateTimeProblem, meetingTimeProblem, parseDateTime, sameInstant } from './date-time';

describe('the date-time rule', () => {
  it('takes ISO 8601 date-times with a zone offset, seconds and fractions optional', () => {
    expect(parseDateTime('2027-04-01T10:00:00+09:00')).toBe(Date.UTC(2027, 3, 1, 1));
    expect(parseDateTime('2027-04-01T01:00Z')).toBe(Date.UTC(2027, 3, 1, 1));
    expect(parseDateTime('2028-02-29T10:00:00.123+09:00')).toBe(
      Date.UTC(2028, 1, 29, 1, 0, 0, 123),
    );
  });

  it('refuses dates that do not exist instead of rolling them over (2027-02-30 is not 2 March)', () => {
    for (const value of [
      '2027-02-30T10:00:00+09:00',
      '2027-02-29T10:00:00+09:00',
      '2027-04-31T10:00:00Z',
      '2027-13-01T10:00:00Z',
      '2027-00-10T10:00:00Z',
      '2027-04-01T24:00:00+09:00',
      '2027-04-01T10:60:00+09:00',
      '2027-04-01T10:00:60+09:00',
      '2027-04-01T10:00:00+15:00',
    ]) {
      expect(parseDateTime(value)).toBeUndefined();
    }
  });

  it('refuses a time without a zone rather than reading it as UTC', () => {
    expect(parseDateTime('2027-04-01T10:00:00')).toBeUndefined();
    expect(parseDateTime('2027-04-01T10:00')).toBeUndefined();
    expect(parseDateTime('2027-04-01')).toBeUndefined();
    expect(dateTimeProblem('scheduledAt', '2027-04-01T10:00:00')).toMatch(
      /^scheduledAt must be an ISO 8601 date-time with a zone offset/,
    );
  });

  it('refuses what no store holds and what is no string', () => {
    for (const value of [
      '1969-12-31T23:59:59Z',
      '+275760-09-13T00:00:00Z',
      1_800_000_000_000,
      null,
    ])
      expect(parseDateTime(value)).toBeUndefined();
  });

  it('schedules meetings only ahead of now, naming the field', () => {
    const now = Date.UTC(2027, 3, 1, 1);
    expect(meetingTimeProblem('scheduledAt', '2027-04-01T10:00:01+09:00', now)).toBeNull();
    expect(meetingTimeProblem('scheduledAt', '2027-04-01T10:00:00+09:00', now)).toBe(
      'scheduledAt must be in the future: a meeting is not scheduled in the past',
    );
    expect(meetingTimeProblem('scheduledAt', '2027-02-30T10:00:00+09:00', now)).toMatch(
      /^scheduledAt must be an ISO 8601/,
    );
  });

  it('compares instants, not spellings', () => {
    expect(sameInstant('2027-04-01T10:00:00+09:00', '2027-04-01T01:00:00.000Z')).toBe(true);
    expect(sameInstant('2027-04-01T10:00:00+09:00', '2027-04-01T10:00:00Z')).toBe(false);
  });
});
