import type { Referral } from '@sss/domain';

/** The activities the case workflow calls; implemented in libs/activities. */
export interface CaseActivities {
  /** Stores the referred case; safe to repeat (idempotent upsert on the case id). */
  recordReferral(referral: Referral): Promise<void>;
}
