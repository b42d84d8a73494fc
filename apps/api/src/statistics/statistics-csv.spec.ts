import type { StatisticsFigures } from './dto/statistics-view.dto';
import { fiscalYearCsv, monthlyCsv } from './statistics-csv';

const figures = (over: Partial<StatisticsFigures> = {}): StatisticsFigures => ({
  consultations: { total: 0, byProgramme: { consultation: 0, collaboration: 0 } },
  persons: { new: 0, continuing: 0, total: 0 },
  referralsByAgency: [],
  meetings: { total: 0, byKind: { support_meeting: 0 }, byKindAndOccasion: [] },
  plans: { created: 0, changed: 0 },
  endings: { closures: 0, suspensions: 0 },
  communityIssues: 0,
  ...over,
});

const period = (label: string) => ({
  kind: 'month' as const,
  label,
  start: '',
  end: '',
  timeZone: 'Asia/Tokyo',
});

describe('statistics CSV', () => {
  it('writes one row per figure and breakdown key, quoting names with commas', () => {
    const csv = monthlyCsv({
      municipality: '999991',
      period: period('2026-04'),
      figures: figures({
        consultations: { total: 2, byProgramme: { consultation: 0, collaboration: 2 } },
        persons: { new: 2, continuing: 1, total: 3 },
        referralsByAgency: [{ agency: 'a-1', agencyName: '相談室, 本所', count: 2 }],
        meetings: {
          total: 1,
          byKind: { support_meeting: 1 },
          byKindAndOccasion: [
            { kind: 'support_meeting', occasion: 'information_sharing', count: 1 },
          ],
        },
      }),
    });
    expect(csv).toBe(
      [
        'figure,key,subkey,name,value',
        'consultations,,,,2',
        'consultations_by_programme,consultation,,,0',
        'consultations_by_programme,collaboration,,,2',
        'new_persons,,,,2',
        'continuing_persons,,,,1',
        'persons,,,,3',
        'referrals_by_agency,a-1,,"相談室, 本所",2',
        'meetings,,,,1',
        'meetings_by_kind,support_meeting,,,1',
        'meetings_by_kind_and_occasion,support_meeting,information_sharing,,1',
        'plans_created,,,,0',
        'plans_changed,,,,0',
        'closures,,,,0',
        'suspensions,,,,0',
        'community_issues,,,,0',
        '',
      ].join('\n'),
    );
  });

  it('gives a fiscal year one column per month and the year’s total, zero where a month lacks a key', () => {
    const april = figures({
      referralsByAgency: [{ agency: 'a-1', agencyName: null, count: 2 }],
      plans: { created: 1, changed: 0 },
    });
    const may = figures({ plans: { created: 0, changed: 3 } });
    const csv = fiscalYearCsv({
      municipality: '999991',
      period: { ...period('2026'), kind: 'fiscal_year' },
      figures: figures({
        referralsByAgency: [{ agency: 'a-1', agencyName: null, count: 2 }],
        plans: { created: 1, changed: 3 },
      }),
      months: [
        { period: period('2026-04'), figures: april },
        { period: period('2026-05'), figures: may },
      ],
    });
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe('figure,key,subkey,name,2026-04,2026-05,total');
    expect(lines).toContain('referrals_by_agency,a-1,,,2,0,2');
    expect(lines).toContain('plans_created,,,,1,0,1');
    expect(lines).toContain('plans_changed,,,,0,3,3');
  });
});
