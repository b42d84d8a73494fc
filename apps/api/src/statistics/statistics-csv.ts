import { stringify } from 'csv-stringify/sync';
import type {
  FiscalYearStatisticsView,
  MonthlyStatisticsView,
  StatisticsFigures,
} from './dto/statistics-view.dto';

/**
 * The statistics as CSV, one row per figure (and per breakdown key), with a header row:
 *
 *   figure,key,subkey,name,value                                  (a month)
 *   figure,key,subkey,name,2026-04,…,2027-03,total                (a fiscal year)
 *
 * `key`/`subkey` are the breakdown (programme; agency code; meeting kind and occasion), `name`
 * the agency's name for referrals. For a fiscal year every month has a column and `total` is the
 * year's figure: the sum of the months for every figure but `continuing_persons` and `persons`,
 * which count the year on its own (a person continuing through six months is one person).
 * docs/statistics.md describes each figure.
 */
export interface FigureRow {
  figure: string;
  key: string;
  subkey: string;
  name: string;
  value: number;
}

export const CSV_COLUMNS = ['figure', 'key', 'subkey', 'name'] as const;

/** The rows of one period's figures, in a fixed order. */
export function figureRows(f: StatisticsFigures): FigureRow[] {
  const row = (figure: string, value: number, key = '', subkey = '', name = ''): FigureRow => ({
    figure,
    key,
    subkey,
    name,
    value,
  });
  return [
    row('consultations', f.consultations.total),
    ...Object.entries(f.consultations.byProgramme).map(([programme, n]) =>
      row('consultations_by_programme', n, programme),
    ),
    row('new_persons', f.persons.new),
    row('continuing_persons', f.persons.continuing),
    row('persons', f.persons.total),
    ...f.referralsByAgency.map((r) =>
      row('referrals_by_agency', r.count, r.agency, '', r.agencyName ?? ''),
    ),
    row('meetings', f.meetings.total),
    ...Object.entries(f.meetings.byKind).map(([kind, n]) => row('meetings_by_kind', n, kind)),
    ...f.meetings.byKindAndOccasion.map((m) =>
      row('meetings_by_kind_and_occasion', m.count, m.kind, m.occasion),
    ),
    row('plans_created', f.plans.created),
    row('plans_changed', f.plans.changed),
    row('closures', f.endings.closures),
    row('suspensions', f.endings.suspensions),
    row('community_issues', f.communityIssues),
  ];
}

const rowId = (r: FigureRow) => JSON.stringify([r.figure, r.key, r.subkey]);

export function monthlyCsv(view: MonthlyStatisticsView): string {
  const rows = figureRows(view.figures).map((r) => [r.figure, r.key, r.subkey, r.name, r.value]);
  return stringify(rows, { header: true, columns: [...CSV_COLUMNS, 'value'] });
}

export function fiscalYearCsv(view: FiscalYearStatisticsView): string {
  // The year's rows hold every key any month has: its groups are the union of the months'.
  const months = view.months.map((m) => {
    const values = new Map(figureRows(m.figures).map((r) => [rowId(r), r.value]));
    return { label: m.period.label, values };
  });
  const rows = figureRows(view.figures).map((r) => [
    r.figure,
    r.key,
    r.subkey,
    r.name,
    ...months.map((m) => m.values.get(rowId(r)) ?? 0),
    r.value,
  ]);
  return stringify(rows, {
    header: true,
    columns: [...CSV_COLUMNS, ...months.map((m) => m.label), 'total'],
  });
}
