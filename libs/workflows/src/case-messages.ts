import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CaseStage } from '@sss/domain';

/** The live state of a case as its workflow knows it. */
export interface CaseStatus {
  caseId: string;
  stage: CaseStage;
  recorded: boolean;
}

export const caseStatusQuery = defineQuery<CaseStatus>('caseStatus');

/**
 * Sent together with the start of a case (update-with-start): it returns once the case row is
 * stored, so the API answers a referral only when the case really exists.
 */
export const caseRegisteredUpdate = defineUpdate<CaseStatus>('caseRegistered');
