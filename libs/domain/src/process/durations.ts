import { TZDate } from '@date-fns/tz';
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

function shift(at: number, duration: Duration, sign: 1 | -1, timeZone: string): number {
  const { years, months, weeks, days, hours, minutes, seconds } = parse(duration);
  const scaled = (n?: number) => (n === undefined ? undefined : sign * Math.floor(n));
  return add(new TZDate(at, timeZone), {
    years: scaled(years),
    months: scaled(months),
    weeks: scaled(weeks),
    days: scaled(days),
    hours: scaled(hours),
    minutes: scaled(minutes),
    seconds: scaled(seconds),
  }).getTime();
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
