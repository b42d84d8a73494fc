import { subtractDuration } from '../process/durations';
import { quoted } from './list-filter';

/** How long a case may wait on consent before it counts as stuck; the API takes another. */
export const DEFAULT_CONSENT_WAIT = 'P30D';

interface StuckCaseDefinition {
  title: string;
  /** A Temporal List Filter over the processes' search attributes. */
  filter: (consentWaitSince: string) => string;
  /** Whether the matching workflows are meetings a case runs (they carry no Municipality). */
  meetings?: boolean;
}

/**
 * The named ways a case gets stuck, each a Temporal List Filter managers paste into the Web UI;
 * the API's `GET /v1/cases/stuck/{name}` runs the same filter. They read only search attributes,
 * which carry no personal data.
 */
export const STUCK_CASES = {
  waiting_on_consent: {
    title: 'Waiting on consent longer than the threshold',
    filter: (since) => `CaseStage = 'consent' AND StartTime < ${quoted(since)}`,
  },
  monitoring_overdue: {
    title: 'Monitoring overdue',
    filter: () => `OverdueTasks = 'monitor'`,
  },
  contact_lost: {
    title: 'Contact with the person lost',
    filter: () => `OpenTasks = 'restoreContact'`,
  },
  escalated: {
    title: 'Escalated (a task past its escalation steps)',
    filter: () => `EscalationLevel > 0`,
  },
  meeting_record_missing: {
    title: 'The meeting was held but its record is overdue',
    filter: () => `OverdueTasks = 'recordOutcome'`,
    meetings: true,
  },
  activity_failing: {
    title: 'A step keeps failing and is being retried',
    filter: () => `ActivityFailing = true`,
  },
  // The server's own attribute: set while the workflow task keeps failing (a bug, or a history
  // the code cannot replay). Such a case cannot progress, and its own attributes stay as they were.
  task_failing: {
    title: 'The process itself keeps failing (a workflow task failure)',
    filter: () => `TemporalReportedProblems IS NOT NULL`,
  },
} as const satisfies Record<string, StuckCaseDefinition>;

export type StuckCaseName = keyof typeof STUCK_CASES;
export const STUCK_CASE_NAMES = Object.keys(STUCK_CASES) as StuckCaseName[];

/** The full filter for running workflows, as of `now`, with the consent threshold applied. */
export function stuckCaseFilter(
  name: StuckCaseName,
  now: number,
  consentWait: string = DEFAULT_CONSENT_WAIT,
): string {
  const since = new Date(subtractDuration(now, consentWait)).toISOString();
  return `ExecutionStatus = 'Running' AND ${STUCK_CASES[name].filter(since)}`;
}
