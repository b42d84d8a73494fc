import { sameInstant } from '../calendar/date-time';

/** Where a case's meeting stands, as coordinators and invited agencies read it. */
export type MeetingStatus = 'to_schedule' | 'scheduled' | 'awaiting_outcome' | 'held';

/**
 * A reschedule to the time the meeting already has would only send the attendees a second
 * invitation for the same date: it is refused (409), so a client retrying it changes nothing.
 */
export function rescheduleRefusal(current: unknown, requested: unknown): string | null {
  return sameInstant(current, requested)
    ? 'the meeting is already scheduled for that time; a reschedule must move it'
    : null;
}

/** The status of a running meeting by what it waits for: its schedule, its day, or its record. */
export function liveMeetingStatus(openTasks: readonly string[]): MeetingStatus {
  if (openTasks.includes('schedule')) return 'to_schedule';
  if (openTasks.includes('recordOutcome')) return 'awaiting_outcome';
  return 'scheduled';
}
