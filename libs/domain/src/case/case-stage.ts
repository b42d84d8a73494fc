/**
 * Where a case stands; shown to coordinators and, as the search attribute CaseStage, to managers.
 * The process definitions put each of their elements in one of these stages.
 */
export const CASE_STAGES = [
  'referral', // つなぎ: referred, being recorded
  'consent', // 本人同意: waiting on the person's consent (or re-approaching without it)
  'assessment', // インタビュー・アセスメント
  'planning', // プラン案 and the meeting that decides it
  'plan_consent', // プラン申込み: the person consents to the plan
  'monitoring', // 支援開始・モニタリング
  'contact_lost', // contact lost: outreach and escalation
  'termination', // the meeting judging termination
  'suspension', // the meeting deciding suspension
  'outreach', // アウトリーチ: visits before any consent
  'matching', // 参加支援: matching to a social resource
  'settling_in', // 参加支援: settling-in support
  'follow_up', // 参加支援: periodic contact after closure
  'handed_over', // アウトリーチ: handed over to a collaboration case, which has its own stage
  'meeting', // inside a meeting sub-process
  'closed', // 終結
  'suspended', // 中断
] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

/** A case's record status: whether its process is running or how it ended. */
export type CaseStatusName = 'open' | 'closed' | 'suspended';

/**
 * The stage a case's view shows, from its processes' stages (the case's own first, then those it
 * calls, depth first): the innermost that is not a meeting's, except that a case handed over
 * stays `handed_over`, as its CaseStage search attribute (the root's) says, so the list's stage
 * filter and the view agree. Undefined when no process runs.
 */
export function caseStageOf(processStages: readonly (string | undefined)[]): string | undefined {
  if (processStages[0] === 'handed_over') return 'handed_over';
  return [...processStages].reverse().find((stage) => stage !== 'meeting');
}
