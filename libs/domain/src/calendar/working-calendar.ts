import holidayJp from '@holiday-jp/holiday_jp';
import { tzOffset } from '@date-fns/tz';

/**
 * When a municipality's staff work: weekdays, office hours, closures; national holidays come
 * from holiday_jp's bundled data (no network). Pure and deterministic, so safe in workflows.
 */
export interface WorkingCalendarConfig {
  timeZone: string;
  /** Local office hours, `HH:MM`; `end` is the first moment outside them. */
  officeHours: { start: string; end: string };
  /** ISO weekdays (1 = Monday … 7 = Sunday) that are working days. */
  weekdays: number[];
  /** Yearly closures by local `MM-DD`, inclusive; `from` after `to` wraps the new year. */
  closures: { from: string; to: string }[];
  nationalHolidays: boolean;
  /** Further closed days of the municipality, `YYYY-MM-DD`. */
  closedDays: string[];
}

/** Kamakura's office (the seed guide): weekdays 08:30-17:15, closed on holidays and 29 Dec - 3 Jan. */
export const DEFAULT_WORKING_CALENDAR: WorkingCalendarConfig = {
  timeZone: 'Asia/Tokyo',
  officeHours: { start: '08:30', end: '17:15' },
  weekdays: [1, 2, 3, 4, 5],
  closures: [{ from: '12-29', to: '01-03' }],
  nationalHolidays: true,
  closedDays: [],
};

const DAY_MS = 86_400_000;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const pad = (n: number) => String(n).padStart(2, '0');

/** A local calendar day; `at` gives an instant on it. */
interface LocalDay {
  y: number;
  m: number;
  d: number;
}

export class WorkingCalendar {
  private readonly start: number;
  private readonly end: number;

  constructor(private readonly config: WorkingCalendarConfig = DEFAULT_WORKING_CALENDAR) {
    this.start = minutesOf(config.officeHours.start);
    this.end = minutesOf(config.officeHours.end);
    if (!(this.start < this.end)) throw new Error('office hours must start before they end');
  }

  /** Whether the local day of `t` is a working day. */
  isWorkingDay(t: number): boolean {
    return this.workingDay(this.dayOf(t));
  }

  /** Whether `t` falls inside office hours of a working day. */
  isWorkingMoment(t: number): boolean {
    const minutes = this.minutesOf(t);
    return this.isWorkingDay(t) && minutes >= this.start && minutes < this.end;
  }

  /** `t` if staff are at work then, else when the next office hours begin. */
  nextWorkingMoment(t: number): number {
    if (this.isWorkingMoment(t)) return t;
    let day = this.dayOf(t);
    if (this.minutesOf(t) >= this.start) day = this.shift(day, 1);
    while (!this.workingDay(day)) day = this.shift(day, 1);
    return this.at(day, this.start);
  }

  /**
   * For a reminder meant for `t`: `t` itself in office hours; otherwise the latest working day
   * whose office hours began by `t`, at `t`'s clock time kept inside office hours. A reminder so
   * never arrives later than asked, nor outside office hours.
   */
  workingMomentOnOrBefore(t: number): number {
    if (this.isWorkingMoment(t)) return t;
    const minutes = this.clamp(this.minutesOf(t));
    let day = this.dayOf(t);
    if (!this.workingDay(day) || minutes > this.minutesOf(t)) {
      do day = this.shift(day, -1);
      while (!this.workingDay(day));
    }
    return this.at(day, minutes);
  }

  /** `n` working days after `t` (n ≥ 0), at the same clock time kept inside office hours. */
  addWorkingDays(t: number, n: number): number {
    let day = this.dayOf(t);
    for (let left = n; left > 0;) {
      day = this.shift(day, 1);
      if (this.workingDay(day)) left -= 1;
    }
    while (!this.workingDay(day)) day = this.shift(day, 1);
    return this.at(day, this.clamp(this.minutesOf(t)));
  }

  /** `n` working days before `t` (n ≥ 0), at the same clock time kept inside office hours. */
  subtractWorkingDays(t: number, n: number): number {
    let day = this.dayOf(t);
    for (let left = n; left > 0;) {
      day = this.shift(day, -1);
      if (this.workingDay(day)) left -= 1;
    }
    while (!this.workingDay(day)) day = this.shift(day, -1);
    return this.at(day, this.clamp(this.minutesOf(t)));
  }

  private workingDay(day: LocalDay): boolean {
    const key = `${day.y}-${pad(day.m)}-${pad(day.d)}`;
    const mmdd = key.slice(5);
    const weekday = ((new Date(Date.UTC(day.y, day.m - 1, day.d)).getUTCDay() + 6) % 7) + 1;
    if (!this.config.weekdays.includes(weekday)) return false;
    if (this.config.nationalHolidays && key in holidayJp.holidays) return false;
    if (this.config.closedDays.includes(key)) return false;
    return !this.config.closures.some(({ from, to }) =>
      from <= to ? mmdd >= from && mmdd <= to : mmdd >= from || mmdd <= to,
    );
  }

  // Local fields come from the zone's offset and UTC getters, not from a zoned Date's getters:
  // Temporal's workflow sandbox replaces Date, and zoned getters there read UTC.
  private local(t: number): Date {
    return new Date(t + tzOffset(this.config.timeZone, new Date(t)) * 60_000);
  }

  private dayOf(t: number): LocalDay {
    const local = this.local(t);
    return { y: local.getUTCFullYear(), m: local.getUTCMonth() + 1, d: local.getUTCDate() };
  }

  private minutesOf(t: number): number {
    const local = this.local(t);
    return local.getUTCHours() * 60 + local.getUTCMinutes();
  }

  private at(day: LocalDay, minutes: number): number {
    const wall = Date.UTC(day.y, day.m - 1, day.d, Math.floor(minutes / 60), minutes % 60);
    // The offset at the wall time itself, found by a second look where it changes (DST).
    const guess = wall - tzOffset(this.config.timeZone, new Date(wall)) * 60_000;
    return wall - tzOffset(this.config.timeZone, new Date(guess)) * 60_000;
  }

  private shift(day: LocalDay, days: number): LocalDay {
    const next = new Date(Date.UTC(day.y, day.m - 1, day.d) + days * DAY_MS);
    return { y: next.getUTCFullYear(), m: next.getUTCMonth() + 1, d: next.getUTCDate() };
  }

  /** A clock time moved into office hours (their last minute at the latest). */
  private clamp(minutes: number): number {
    return Math.min(Math.max(minutes, this.start), this.end - 1);
  }
}
