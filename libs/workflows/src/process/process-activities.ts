import type { Variables } from '@sss/domain';

/**
 * Which service task of which process calls an activity: `step` is unique across all processes
 * and kept across continue-as-new and retries, so it is the idempotency key of what it writes.
 */
export interface StepContext {
  step: string;
  /** The person whose action led to this step; absent when a timer did. */
  by?: string;
}

/** The shape of every activity a service task may name: mapped input in, output variables out. */
export type ServiceTaskActivity = (input: Variables, context: StepContext) => Promise<Variables>;

/**
 * The activities service tasks may name. The worker registers each of them (a test checks), and
 * the registry refuses a definition that names any other.
 */
export const PROCESS_ACTIVITIES = [
  'recordReferral',
  'recordConsent',
  'recordAssessment',
  'recordPlan',
  'recordMeeting',
  'recordMonitoring',
  'recordContact',
  'recordCaseEnding',
  'recordReopening',
  'recordParticipation',
] as const;

export type ProcessActivityName = (typeof PROCESS_ACTIVITIES)[number];

/** What the worker registers for service tasks: one function per name. */
export type ProcessActivities = Record<ProcessActivityName, ServiceTaskActivity>;
