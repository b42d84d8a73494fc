/**
 * What coordinators and agency staff do to a case through the API, and where each action lands
 * in the process: completing one of the named user tasks, or sending a message that the process
 * (or a meeting it runs) must be waiting for. Anything else is not valid in the case's step.
 */
export const CASE_ACTIONS = {
  consent: { tasks: ['obtainConsent', 'reapproach'] },
  consent_withdrawal: { message: 'consentWithdrawn' },
  assessment: { tasks: ['assess', 'assessNeeds'] },
  plan: { tasks: ['draftPlan'] },
  'meeting.schedule': { tasks: ['schedule'] },
  'meeting.reschedule': { message: 'meetingRescheduled' },
  // meeting@1 ends when called off, and its case records it as held: only meeting@2 and later
  // take a called-off date back to scheduling.
  'meeting.cancel': { message: 'meetingCancelled', notOn: ['meeting@1'] },
  'meeting.outcome': { tasks: ['recordOutcome'] },
  plan_consent: { tasks: ['planConsent'] },
  monitoring: { tasks: ['monitor'] },
  contact: { message: 'contactRecorded' },
  failed_attempt: { message: 'contactAttemptFailed' },
  contact_effort: { tasks: ['restoreContact'] },
  replan: { message: 'replanRequested' },
  termination: { message: 'terminateRequested' },
  suspension: { message: 'suspendRequested' },
  visit: { tasks: ['visit'] },
  match: { tasks: ['match'] },
  settling: { tasks: ['settle'] },
  follow_up: { tasks: ['followUp'] },
} as const satisfies Record<
  string,
  { tasks: readonly string[] } | { message: string; notOn?: readonly string[] }
>;

export type CaseAction = keyof typeof CASE_ACTIONS;

/** The actions agency staff take on cases they may see: the support work itself. */
export const AGENCY_STAFF_ACTIONS: readonly CaseAction[] = [
  'monitoring',
  'contact',
  'failed_attempt',
  'contact_effort',
  'visit',
];

/** The API action that completes a user task, by the task's element id. */
export function actionOfTask(elementId: string): CaseAction | undefined {
  return (Object.keys(CASE_ACTIONS) as CaseAction[]).find((a) => {
    const target = CASE_ACTIONS[a];
    return 'tasks' in target && (target.tasks as readonly string[]).includes(elementId);
  });
}

/** The API action that sends a message the process waits for, by the message's name. */
export function actionOfMessage(message: string): CaseAction | undefined {
  return (Object.keys(CASE_ACTIONS) as CaseAction[]).find((a) => {
    const target = CASE_ACTIONS[a];
    return 'message' in target && target.message === message;
  });
}
