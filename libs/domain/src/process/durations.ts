import { TZDate, tzOffset } from '@date-fns/tz';
import { add } from 'date-fns';
import { parse } from 'tinyduration';
import type { Duration } from './definition';

/** Case time is kept in Japan's time zone: "one month later" means on the Japanese calendar. */
export const CASE_TIME_ZONE = 'Asia/Tokyo';

export function isValidDuration(value: string): boolean {
  try {
    const parsed = parse(value);
    return Object.values(parsed).some((v) => typeof v === 'number' && v > 0) && !parsed.negative;
  } catch {
    return false;
  }
}

/**
 * Definitions may also count in working days, `"5 working days"` (or `"1 working day"`),
 * wherever a task's due date, reminders and escalation take a duration: on the process's
 * working calendar, at the same clock time kept inside office hours.
 */
export function workingDaysOf(value: string): number | undefined {
  const match = /^([1-9]\d{0,2}) working days?$/.exec(value);
  return match ? Number(match[1]) : undefined;
}

const MINUTE = 60_000;

/**
 * Calendar arithmetic on the wall clock of `timeZone`, read through its UTC offset and UTC
 * fields only: the result is the same in every process whatever its TZ, inside the workflow
 * sandbox too (where a TZDate's getters fall back to the process's local time). Years and months
 * clamp to the month's end; weeks and days move the date; hours, minutes and seconds are elapsed
 * time, as date-fns `add` counts them.
 */
function shift(at: number, duration: Duration, sign: 1 | -1, timeZone: string): number {
  const {
    years = 0,
    months = 0,
    weeks = 0,
    days = 0,
    hours = 0,
    minutes = 0,
    seconds = 0,
  } = parse(duration);
  const whole = (n: number) => sign * Math.floor(n);
  const wall = new Date(at + tzOffset(timeZone, new Date(at)) * MINUTE);
  const monthsToAdd = whole(years) * 12 + whole(months);
  if (monthsToAdd !== 0) {
    const day = wall.getUTCDate();
    wall.setUTCDate(1);
    wall.setUTCMonth(wall.getUTCMonth() + monthsToAdd);
    const lastDay = new Date(Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth() + 1, 0));
    wall.setUTCDate(Math.min(day, lastDay.getUTCDate()));
  }
  wall.setUTCDate(wall.getUTCDate() + whole(weeks) * 7 + whole(days));
  const guess = wall.getTime() - tzOffset(timeZone, wall) * MINUTE;
  const instant = wall.getTime() - tzOffset(timeZone, new Date(guess)) * MINUTE;
  return instant + (whole(hours) * 3600 + whole(minutes) * 60 + whole(seconds)) * 1000;
}

/** `at` (epoch ms) plus an ISO 8601 duration, on the calendar of `timeZone`. */
export function addDuration(at: number, duration: Duration, timeZone = CASE_TIME_ZONE): number {
  return shift(at, duration, 1, timeZone);
}

/** `at` (epoch ms) minus an ISO 8601 duration, on the calendar of `timeZone`. */
export function subtractDuration(
  at: number,
  duration: Duration,
  timeZone = CASE_TIME_ZONE,
): number {
  return shift(at, duration, -1, timeZone);
}

/**
 * The arithmetic of processes started before the `zoned-durations` patch, kept so their
 * histories replay as recorded: through TZDate, which in the workflow sandbox counts on the
 * worker process's local calendar (UTC on our workers) instead of Japan's.
 */
export function legacyShift(at: number, duration: Duration, sign: 1 | -1): number {
  const { years, months, weeks, days, hours, minutes, seconds } = parse(duration);
  const scaled = (n?: number) => (n === undefined ? undefined : sign * Math.floor(n));
  return add(new TZDate(at, CASE_TIME_ZONE), {
    years: scaled(years),
    months: scaled(months),
    weeks: scaled(weeks),
    days: scaled(days),
    hours: scaled(hours),
    minutes: scaled(minutes),
    seconds: scaled(seconds),
  }).getTime();
}
