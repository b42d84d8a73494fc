import { formatDate, formatDateTime, formatPeriod } from './format';

describe('dates as staff read them', () => {
  it('shows a UTC instant in Tokyo with the era', () => {
    // 2026-12-02 15:30 UTC is 3 December 00:30 in Tokyo, Reiwa 8.
    expect(formatDateTime('2026-12-02T15:30:00Z', 'ja')).toBe('令和8年12月3日 00:30');
    expect(formatDateTime('2026-12-02T15:30:00Z', 'en')).toBe('3 Dec 2026, 00:30 JST');
    expect(formatDateTime(null, 'ja')).toBe('—');
  });

  it('names months and fiscal years in the era', () => {
    expect(formatPeriod('2026-04', 'ja')).toBe('令和8年4月');
    expect(formatPeriod('2026', 'ja')).toBe('令和8年度');
    expect(formatPeriod('2026', 'en')).toBe('FY2026');
  });

  it('shows a calendar date as that day, whatever the zone', () => {
    expect(formatDate('2026-04-01', 'ja')).toBe('令和8年4月1日');
    expect(formatDate('2019-05-01', 'ja')).toBe('令和元年5月1日');
    expect(formatDate('2026-04-01', 'en')).toBe('1 Apr 2026');
    expect(formatDate(null, 'ja')).toBe('—');
  });
});
