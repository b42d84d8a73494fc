/**
 * The due windows of "my tasks" (GET /v1/tasks), in Asia/Tokyo calendar days, where the
 * municipalities' staff work. Overdue: due at or before now (or flagged overdue by its process).
 * Today: due later on today's Tokyo date. Week: due from now through the end of the coming
 * Sunday (Tokyo), so it includes today's; on a Sunday it is today. A task with no due date is in
 * no window.
 */
export const DUE_WINDOWS = ['today', 'week', 'overdue'] as const;
export type DueWindow = (typeof DUE_WINDOWS)[number];

const TOKYO_OFFSET_MS = 9 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** The instants (exclusive ends, epoch ms) that bound the windows as of `now`. */
export interface DueBounds {
  now: number;
  endOfToday: number;
  endOfWeek: number;
}

export function dueBounds(now: number): DueBounds {
  // Japan keeps no daylight saving time: a fixed offset is Asia/Tokyo's calendar.
  const startOfTodayLocal = Math.floor((now + TOKYO_OFFSET_MS) / DAY_MS) * DAY_MS;
  const endOfToday = startOfTodayLocal + DAY_MS - TOKYO_OFFSET_MS;
  const weekday = (new Date(startOfTodayLocal).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return { now, endOfToday, endOfWeek: endOfToday + (6 - weekday) * DAY_MS };
}

export interface DatedTask {
  dueAt?: string | null;
  overdue?: boolean;
}

export function isOverdue(task: DatedTask, now: number): boolean {
  if (task.overdue) return true;
  return !!task.dueAt && Date.parse(task.dueAt) <= now;
}

/** Whether the task falls in the window as of the bounds' `now`. */
export function inDueWindow(task: DatedTask, window: DueWindow, bounds: DueBounds): boolean {
  const overdue = isOverdue(task, bounds.now);
  if (window === 'overdue') return overdue;
  if (overdue || !task.dueAt) return false;
  const due = Date.parse(task.dueAt);
  return due < (window === 'today' ? bounds.endOfToday : bounds.endOfWeek);
}

/** How many of the tasks fall in each window. */
export function dueCounts(tasks: DatedTask[], bounds: DueBounds): Record<DueWindow, number> {
  const counts = { today: 0, week: 0, overdue: 0 };
  for (const task of tasks) {
    for (const w of DUE_WINDOWS) if (inDueWindow(task, w, bounds)) counts[w] += 1;
  }
  return counts;
}
