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
