import {
  condition,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { CaseStage, Referral } from '@sss/domain';
import type { CaseActivities } from './case-activities';
import { caseRegisteredUpdate, caseStatusQuery, CaseStatus } from './case-messages';
import {
  CaseProgrammeAttribute,
  CaseStageAttribute,
  MunicipalityAttribute,
} from './search-attributes';

const { recordReferral } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * One support case (ケース), from referral on. The walking skeleton records the referral and then
 * waits on the person's consent; the process engine takes over the steps after that.
 */
export async function caseWorkflow(referral: Referral): Promise<void> {
  let stage: CaseStage = 'referral';
  let recorded = false;
  const status = (): CaseStatus => ({ caseId: referral.caseId, stage, recorded });

  setHandler(caseStatusQuery, status);
  setHandler(caseRegisteredUpdate, async () => {
    await condition(() => recorded);
    return status();
  });

  upsertSearchAttributes([
    { key: CaseStageAttribute, value: stage },
    { key: CaseProgrammeAttribute, value: referral.programme },
    { key: MunicipalityAttribute, value: referral.municipality },
  ]);

  await recordReferral(referral);
  recorded = true;
  stage = 'consent';
  upsertSearchAttributes([{ key: CaseStageAttribute, value: stage }]);

  // Waiting on consent (本人同意) can last months; the process engine gives this wait its steps.
  await condition(() => false);
}
