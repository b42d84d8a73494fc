import { patched } from '@temporalio/workflow';

/**
 * Every patch of the process workflow: each guards a change that would alter the history of a
 * running process (docs/process-versioning.md says how a patch is deprecated and removed).
 */
export const PATCH = {
  /** Updates answer once the service tasks their step led to have written records. */
  settleBeforeAnswering: 'settle-before-answering',
  /** The search attributes OverdueTasks and ActivityFailing are upserted too. */
  stuckCaseAttributes: 'stuck-case-attributes',
  /** Service-task activities retry in rounds of three attempts, a minute apart. */
  retryInRounds: 'retry-activities-in-rounds',
  /** Notices are delivered by the activity deliverNotice; a run ends only once they are. */
  deliverNotices: 'deliver-notices',
  /** Due dates and timers count on Japan's calendar, not the worker's local one. */
  zonedDurations: 'zoned-durations',
  /** One timer per deadline, never cancelled. */
  keepDeadlineTimer: 'keep-deadline-timer',
  /** A run ending while notices are sent hands each to a noticeDeliveryWorkflow of its own. */
  handOverDeliveries: 'hand-over-deliveries',
  /** With a working calendar, an overdue notice due outside office hours waits for them. */
  overdueInOfficeHours: 'overdue-in-office-hours',
  /** A meeting less than its reminders' notice ahead is reminded as soon as can be (not skipped). */
  remindLateMeetings: 'remind-late-meetings',
  /** The stage upserted as CaseStage is the one that prevails (contact lost over monitoring). */
  prevailingStages: 'prevailing-stages',
  /**
   * Timers an event leaves already due are fired with it, and otherwise only a timer firing fires
   * them: a wake-up that changes nothing (a notice delivered) no longer decides in which task a
   * reminder goes out, so a task's commands do not depend on how its wake-ups fall.
   */
  dueOnlyByEventOrTimer: 'due-only-by-event-or-timer',
  /** The run is traced by OpenTelemetry's workflow interceptors (libs/workflows/src/tracing-interceptors.ts). */
  traceWorkflows: 'trace-workflows',
  /**
   * The notices of the next deadline are staged in the store ahead of it (activity
   * stageNotices) and sent at their time by the worker's dispatcher, not by the run's own turn.
   */
  stageNotices: 'stage-notices',
} as const;

export type PatchId = (typeof PATCH)[keyof typeof PATCH];

/**
 * The patches every run pinned by hash was started with: such a run cannot have begun on code
 * without them (that code could not even read its input), so it takes their new path without
 * asking. Asking cost each run two events per patch (a marker and the TemporalChangeVersion
 * upsert), after every continue-as-new too. A patch added later is not listed here: runs pinned
 * by hash exist that started before it.
 */
const LEAN_RUN_BASELINE: ReadonlySet<PatchId> = new Set([
  PATCH.settleBeforeAnswering,
  PATCH.stuckCaseAttributes,
  PATCH.retryInRounds,
  PATCH.deliverNotices,
  PATCH.zonedDurations,
  PATCH.keepDeadlineTimer,
  PATCH.handOverDeliveries,
  PATCH.overdueInOfficeHours,
  PATCH.remindLateMeetings,
  PATCH.prevailingStages,
  PATCH.dueOnlyByEventOrTimer,
  PATCH.traceWorkflows,
]);

/** The patches a run pinned by hash still asks for: one marker each, in every run. */
export const PATCHES_AFTER_LEAN_BASELINE: readonly PatchId[] = Object.values(PATCH).filter(
  (id) => !LEAN_RUN_BASELINE.has(id),
);

/** Whether a patch is in force for this run: a marker only where the run could take both paths. */
export function patchesFor(pinnedByHash: boolean): (id: PatchId) => boolean {
  return (id) => (pinnedByHash && LEAN_RUN_BASELINE.has(id)) || patched(id);
}
