import {
  fiscalYearOf,
  InvalidReportingPeriodError,
  monthsOfFiscalYear,
  parseFiscalYear,
  parseReportingMonth,
} from './reporting-period';

const iso = (d: Date) => d.toISOString();

describe('parseReportingMonth', () => {
  it('is the calendar month in Asia/Tokyo, half-open', () => {
    const april = parseReportingMonth('2026-04');
    expect(april).toEqual({
      kind: 'month',
      label: '2026-04',
      start: new Date('2026-03-31T15:00:00.000Z'),
      end: new Date('2026-04-30T15:00:00.000Z'),
    });
  });

  it('crosses the year at December and handles February', () => {
    expect(iso(parseReportingMonth('2026-12').start)).toBe('2026-11-30T15:00:00.000Z');
    expect(iso(parseReportingMonth('2026-12').end)).toBe('2026-12-31T15:00:00.000Z');
    expect(iso(parseReportingMonth('2028-02').end)).toBe('2028-02-29T15:00:00.000Z');
    expect(iso(parseReportingMonth('2027-02').end)).toBe('2027-02-28T15:00:00.000Z');
  });

  it('places the boundary instants in the right month', () => {
    const march = parseReportingMonth('2026-03');
    const april = parseReportingMonth('2026-04');
    const lastOfMarch = new Date('2026-03-31T14:59:59Z');
    const firstOfApril = new Date('2026-03-31T15:00:00Z');
    expect(lastOfMarch < march.end && lastOfMarch >= march.start).toBe(true);
    expect(firstOfApril >= april.start && firstOfApril < april.end).toBe(true);
    expect(march.end).toEqual(april.start);
  });

  it.each([
    '2026-13',
    '2026-00',
    '2026-4',
    '26-04',
    '2026/04',
    'April',
    '',
    '2026-04-01',
    '0999-01',
  ])('rejects %p naming the field and the format', (text) => {
    expect(() => parseReportingMonth(text)).toThrow(InvalidReportingPeriodError);
    expect(() => parseReportingMonth(text)).toThrow(/^month must be .*YYYY-MM.*2026-04/);
  });

  it('rejects what is not a string', () => {
    expect(() => parseReportingMonth(undefined as unknown as string)).toThrow(
      InvalidReportingPeriodError,
    );
  });
});

describe('parseFiscalYear', () => {
  it('runs from April to April in Asia/Tokyo', () => {
    const fy = parseFiscalYear('2026');
    expect(fy.kind).toBe('fiscal_year');
    expect(fy.label).toBe('2026');
    expect(fy.start).toEqual(new Date('2026-04-01T00:00:00+09:00'));
    expect(fy.end).toEqual(new Date('2027-04-01T00:00:00+09:00'));
    expect(parseFiscalYear(2026)).toEqual(fy);
  });

  it.each(['26', '20261', '2026-04', 'FY2026', '', '1899', '2026.5'])('rejects %p', (text) => {
    expect(() => parseFiscalYear(text)).toThrow(InvalidReportingPeriodError);
    expect(() => parseFiscalYear(text)).toThrow(/^year must be a fiscal year written YYYY/);
  });

  it('names the field in the error', () => {
    try {
      parseFiscalYear('x');
      throw new Error('not thrown');
    } catch (e) {
      expect((e as InvalidReportingPeriodError).field).toBe('year');
    }
  });
});

describe('monthsOfFiscalYear', () => {
  it('lists April to March, contiguous, covering exactly the year', () => {
    const months = monthsOfFiscalYear(2026);
    expect(months.map((m) => m.label)).toEqual([
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
      '2027-03',
    ]);
    const fy = parseFiscalYear(2026);
    expect(months[0].start).toEqual(fy.start);
    expect(months[11].end).toEqual(fy.end);
    for (let i = 1; i < months.length; i++) expect(months[i].start).toEqual(months[i - 1].end);
    expect(months[10]).toEqual(parseReportingMonth('2027-02'));
  });
});

describe('fiscalYearOf', () => {
  it('is the year April falls in, on the Tokyo calendar', () => {
    expect(fiscalYearOf(new Date('2026-03-31T14:59:59Z'))).toBe(2025);
    expect(fiscalYearOf(new Date('2026-03-31T15:00:00Z'))).toBe(2026);
    expect(fiscalYearOf(new Date('2027-03-31T14:59:59Z'))).toBe(2026);
    expect(fiscalYearOf(new Date('2026-12-31T15:00:00Z'))).toBe(2026);
  });
});
