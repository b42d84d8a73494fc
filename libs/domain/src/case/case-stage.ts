/** Where a case stands; shown to coordinators and, as a search attribute, to managers. */
export const CASE_STAGES = [
  'referral', // つなぎ: referred, not yet recorded
  'consent', // 本人同意: recorded, waiting on the person's consent
] as const;
export type CaseStage = (typeof CASE_STAGES)[number];
