import { addDuration, isValidDuration, subtractDuration } from './durations';

const at = (iso: string) => Date.parse(iso);

describe('durations', () => {
  it('adds months on the Japanese calendar, clamping to the month end', () => {
    // 31 Jan 10:00 JST + 1 month = 28 Feb 10:00 JST
    expect(addDuration(at('2026-01-31T01:00:00Z'), 'P1M')).toBe(at('2026-02-28T01:00:00Z'));
  });

  it('counts days from the Japanese date, not the UTC one', () => {
    // 1 Apr 08:00 JST is still 31 Mar in UTC; two weeks later is 15 Apr 08:00 JST
    expect(addDuration(at('2026-03-31T23:00:00Z'), 'P14D')).toBe(at('2026-04-14T23:00:00Z'));
  });

  it('subtracts as the inverse of adding for days and hours', () => {
    const t = at('2026-05-06T00:00:00Z');
    expect(subtractDuration(addDuration(t, 'P2DT3H'), 'P2DT3H')).toBe(t);
  });

  it('accepts only positive ISO 8601 durations', () => {
    expect(isValidDuration('P3M')).toBe(true);
    expect(isValidDuration('PT30M')).toBe(true);
    expect(isValidDuration('P0D')).toBe(false);
    expect(isValidDuration('3 months')).toBe(false);
    expect(isValidDuration('-P1D')).toBe(false);
  });
});

describe('durations whatever the process time zone', () => {
  it('gives the Japanese calendar month in any process, month ends and year ends included', () => {
    // 31 Jan 08:00 JST is still 30 Jan in UTC: one month later is 28 Feb 08:00 JST, not 1 Mar.
    expect(addDuration(at('2027-01-30T23:00:00Z'), 'P1M')).toBe(at('2027-02-27T23:00:00Z'));
    // 31 Dec 23:30 JST minus one year and one day is 30 Dec 23:30 JST of the year before.
    expect(subtractDuration(at('2026-12-31T14:30:00Z'), 'P1Y1D')).toBe(at('2025-12-30T14:30:00Z'));
    // Weeks and hours: 2 weeks and 12 hours after 29 Apr 20:00 JST is 14 May 08:00 JST.
    expect(addDuration(at('2027-04-29T11:00:00Z'), 'P2WT12H')).toBe(at('2027-05-13T23:00:00Z'));
  });

  it('counts in another zone when asked, through its offset', () => {
    // 31 Jan 20:00 in New York (UTC-5) plus one month: 28 Feb 20:00 there, 1 Mar 01:00 UTC.
    expect(addDuration(at('2027-02-01T01:00:00Z'), 'P1M', 'America/New_York')).toBe(
      at('2027-03-01T01:00:00Z'),
    );
  });
});
