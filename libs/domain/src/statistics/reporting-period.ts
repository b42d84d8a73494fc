import { TZDate } from '@date-fns/tz';
import { addMonths } from 'date-fns';

/**
 * Reporting periods for the monthly statistics municipalities send (Kashiwa's and Kusatsu's
 * tables). Periods are on Japan's calendar whatever the server's time zone:
 *
 * - a **month** `YYYY-MM` is the calendar month in Asia/Tokyo, from 00:00 on its first day
 *   (inclusive) to 00:00 on the first day of the next month (exclusive); 2026-04 is
 *   [2026-03-31T15:00:00Z, 2026-04-30T15:00:00Z);
 * - a **fiscal year** `N` (年度) runs from 1 April N to 31 March N+1 in Asia/Tokyo:
 *   [N-04-01T00:00+09:00, (N+1)-04-01T00:00+09:00), twelve months from April to March.
 *
 * Periods are half-open `[start, end)`: an instant belongs to exactly one month, so the months of
 * a fiscal year add up to the year without counting anything twice.
 */
export const REPORTING_TIME_ZONE = 'Asia/Tokyo';

/** The first month of a Japanese fiscal year (April). */
export const FISCAL_YEAR_FIRST_MONTH = 4;

const MIN_YEAR = 1900;
const MAX_YEAR = 9999;

export type ReportingPeriodKind = 'month' | 'fiscal_year';

export interface ReportingPeriod {
  kind: ReportingPeriodKind;
  /** `YYYY-MM` for a month, `YYYY` (the year April falls in) for a fiscal year. */
  label: string;
  /** First instant of the period (inclusive). */
  start: Date;
  /** First instant after the period (exclusive). */
  end: Date;
}

/** A month or fiscal year that cannot be read; the message names the field and the format. */
export class InvalidReportingPeriodError extends Error {
  constructor(
    readonly field: 'month' | 'year',
    message: string,
  ) {
    super(message);
    this.name = 'InvalidReportingPeriodError';
  }
}

const MONTH_FORMAT = /^(\d{4})-(\d{2})$/;
const YEAR_FORMAT = /^\d{4}$/;

/** 00:00 on the first day of `month` (1-12) of `year` in Asia/Tokyo, as an instant. */
function tokyoMonthStart(year: number, month: number): Date {
  return new Date(new TZDate(year, month - 1, 1, REPORTING_TIME_ZONE).getTime());
}

function monthPeriod(year: number, month: number): ReportingPeriod {
  const start = tokyoMonthStart(year, month);
  const end = new Date(addMonths(new TZDate(start, REPORTING_TIME_ZONE), 1).getTime());
  return { kind: 'month', label: monthLabel(year, month), start, end };
}

function monthLabel(year: number, month: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/**
 * The calendar month `YYYY-MM` (e.g. `2026-04`) in Asia/Tokyo. Throws
 * {@link InvalidReportingPeriodError} for anything else (`2026-13`, `2026-4`, `April`).
 */
export function parseReportingMonth(text: string): ReportingPeriod {
  const problem = new InvalidReportingPeriodError(
    'month',
    `month must be a calendar month written YYYY-MM with a month from 01 to 12 and a year from ${MIN_YEAR} to ${MAX_YEAR} (e.g. 2026-04)`,
  );
  if (typeof text !== 'string') throw problem;
  const match = MONTH_FORMAT.exec(text);
  if (!match) throw problem;
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (year < MIN_YEAR || month < 1 || month > 12) throw problem;
  return monthPeriod(year, month);
}

/**
 * The fiscal year (年度) `YYYY`: April YYYY to March YYYY+1 in Asia/Tokyo. Accepts the year as
 * text (`"2026"`) or as a number. Throws {@link InvalidReportingPeriodError} for anything else.
 */
export function parseFiscalYear(input: string | number): ReportingPeriod {
  const text = typeof input === 'number' ? String(input) : input;
  const problem = new InvalidReportingPeriodError(
    'year',
    `year must be a fiscal year written YYYY, from ${MIN_YEAR} to ${MAX_YEAR - 1}: the year its April falls in (e.g. 2026 for April 2026 to March 2027)`,
  );
  if (typeof text !== 'string' || !YEAR_FORMAT.test(text)) throw problem;
  const year = Number(text);
  if (year < MIN_YEAR || year > MAX_YEAR - 1) throw problem;
  return {
    kind: 'fiscal_year',
    label: String(year),
    start: tokyoMonthStart(year, FISCAL_YEAR_FIRST_MONTH),
    end: tokyoMonthStart(year + 1, FISCAL_YEAR_FIRST_MONTH),
  };
}

/** The twelve months of fiscal year `year`, April `year` to March `year + 1`, in order. */
export function monthsOfFiscalYear(year: number): ReportingPeriod[] {
  const fiscal = parseFiscalYear(year);
  const first = Number(fiscal.label);
  return Array.from({ length: 12 }, (_, i) => {
    const month = ((FISCAL_YEAR_FIRST_MONTH - 1 + i) % 12) + 1;
    return monthPeriod(month >= FISCAL_YEAR_FIRST_MONTH ? first : first + 1, month);
  });
}

/** The fiscal year (年度) an instant belongs to on Japan's calendar. */
export function fiscalYearOf(at: Date): number {
  const tokyo = new TZDate(at.getTime(), REPORTING_TIME_ZONE);
  const year = tokyo.getFullYear();
  return tokyo.getMonth() + 1 >= FISCAL_YEAR_FIRST_MONTH ? year : year - 1;
}
