import { CASE_ACTIONS, CaseAction } from '../../../../libs/domain/src/case/case-actions';
import type { paths } from '../api/schema';

/** The case actions' endpoints: a path the API drops fails the console's type-check. */
type ActionPath = Extract<keyof paths, `/v1/cases/{id}/${string}`>;

export interface ActionEndpoint {
  path: ActionPath;
  /** Body fields the action fixes (the contacts endpoint takes both kinds of contact). */
  fixed?: Record<string, string>;
}

export const ACTION_ENDPOINTS: Record<CaseAction, ActionEndpoint> = {
  consent: { path: '/v1/cases/{id}/consent' },
  consent_withdrawal: { path: '/v1/cases/{id}/consent-withdrawal' },
  assessment: { path: '/v1/cases/{id}/assessment' },
  plan: { path: '/v1/cases/{id}/plan' },
  'meeting.schedule': { path: '/v1/cases/{id}/meeting/schedule' },
  'meeting.reschedule': { path: '/v1/cases/{id}/meeting/reschedule' },
  'meeting.cancel': { path: '/v1/cases/{id}/meeting/cancel' },
  'meeting.outcome': { path: '/v1/cases/{id}/meeting/outcome' },
  plan_consent: { path: '/v1/cases/{id}/plan-consent' },
  monitoring: { path: '/v1/cases/{id}/monitoring' },
  contact: { path: '/v1/cases/{id}/contacts', fixed: { kind: 'contact' } },
  failed_attempt: { path: '/v1/cases/{id}/contacts', fixed: { kind: 'failed_attempt' } },
  contact_effort: { path: '/v1/cases/{id}/contact-effort' },
  replan: { path: '/v1/cases/{id}/replan-request' },
  termination: { path: '/v1/cases/{id}/termination-request' },
  suspension: { path: '/v1/cases/{id}/suspension-request' },
  visit: { path: '/v1/cases/{id}/visits' },
  match: { path: '/v1/cases/{id}/match' },
  settling: { path: '/v1/cases/{id}/settling' },
  follow_up: { path: '/v1/cases/{id}/follow-up' },
};

/** The action that completes an open task (the same table the API routes by). */
export function actionForTask(elementId: string): CaseAction | undefined {
  return (Object.keys(CASE_ACTIONS) as CaseAction[]).find((action) => {
    const target = CASE_ACTIONS[action];
    return 'tasks' in target && (target.tasks as readonly string[]).includes(elementId);
  });
}

/** The message actions the case accepts now (`workflow.accepts` lists message names). */
export function acceptedMessageActions(accepts: readonly string[]): CaseAction[] {
  return (Object.keys(CASE_ACTIONS) as CaseAction[]).filter((action) => {
    const target = CASE_ACTIONS[action];
    return 'message' in target && accepts.includes(target.message);
  });
}
