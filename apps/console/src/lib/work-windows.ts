/**
 * My work's windows, in Asia/Tokyo: overdue (due before now), due today (by the end of Tokyo's
 * day), due this week (by the end of Sunday, Tokyo), later. Pure, so it is unit-tested.
 */
export type WorkWindow = 'overdue' | 'today' | 'week' | 'later';

const TOKYO_OFFSET_MS = 9 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** The end (exclusive) of the Tokyo day `now` falls in, and of its week (Monday to Sunday). */
export function tokyoBounds(now: Date): { endOfDay: number; endOfWeek: number } {
  const local = now.getTime() + TOKYO_OFFSET_MS;
  const startOfDayLocal = Math.floor(local / DAY_MS) * DAY_MS;
  const endOfDay = startOfDayLocal + DAY_MS - TOKYO_OFFSET_MS;
  const weekday = (new Date(startOfDayLocal).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return { endOfDay, endOfWeek: endOfDay + (6 - weekday) * DAY_MS };
}

export function workWindow(
  task: { dueAt?: string | null; overdue?: boolean },
  now: Date,
): WorkWindow {
  if (task.overdue) return 'overdue';
  if (!task.dueAt) return 'later';
  const due = Date.parse(task.dueAt);
  if (due < now.getTime()) return 'overdue';
  const { endOfDay, endOfWeek } = tokyoBounds(now);
  if (due < endOfDay) return 'today';
  if (due < endOfWeek) return 'week';
  return 'later';
}
