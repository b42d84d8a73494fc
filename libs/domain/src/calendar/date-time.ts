/**
 * The one rule for a date-time a person or client gives the API (a meeting's time, a period's
 * bounds): ISO 8601 with seconds optional, and always a zone offset, `Z` or `±hh:mm`. A time
 * without a zone is refused rather than read as UTC (10:00 would become 19:00 in Tokyo); a
 * Japanese caller states `+09:00`, the zone of every municipality (Asia/Tokyo has no DST).
 * The date must exist: JavaScript reads `2027-02-30` as 2 March, which is refused here.
 */
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|([+-])(\d{2}):(\d{2}))$/;

/** What every store holds: PostgreSQL's timestamptz, Temporal's timers, JavaScript's Date. */
const FIRST_YEAR = 1970;
const LAST_YEAR = 9999;

export const DATE_TIME_RULE =
  'an ISO 8601 date-time with a zone offset, e.g. 2027-04-01T10:00:00+09:00 (a time without a zone is not taken)';

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The instant (epoch milliseconds) a date-time names, or undefined when it breaks the rule. */
export function parseDateTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = DATE_TIME.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second = 0] = m.slice(1, 7).map(Number);
  if (year < FIRST_YEAR || year > LAST_YEAR || month < 1 || month > 12) return undefined;
  if (day < 1 || day > daysIn(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  if (m[8] && (Number(m[9]) > 14 || Number(m[10]) > 59)) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : at;
}

/** Why `value` is not a date-time the API takes, naming `field`; null when it is one. */
export function dateTimeProblem(field: string, value: unknown): string | null {
  return parseDateTime(value) === undefined ? `${field} must be ${DATE_TIME_RULE}` : null;
}

/**
 * A meeting is scheduled for a time still ahead: one in the past would be "held" at once and
 * announced to no one. Recording a meeting already held is its outcome, not its schedule.
 */
export function meetingTimeProblem(field: string, value: unknown, now: number): string | null {
  const at = parseDateTime(value);
  if (at === undefined) return `${field} must be ${DATE_TIME_RULE}`;
  return at <= now
    ? `${field} must be in the future: a meeting is not scheduled in the past`
    : null;
}

/** Whether two date-times name the same instant (`10:00+09:00` is `01:00Z`). */
export function sameInstant(a: unknown, b: unknown): boolean {
  const x = parseDateTime(a) ?? (typeof a === 'string' ? Date.parse(a) : NaN);
  const y = parseDateTime(b) ?? (typeof b === 'string' ? Date.parse(b) : NaN);
  return !Number.isNaN(x) && x === y;
}
