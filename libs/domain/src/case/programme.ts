/** The five programmes a municipality runs as one system (see domain.md). */
export const PROGRAMMES = [
  'consultation', // 包括的相談支援
  'collaboration', // 多機関協働
  'participation', // 参加支援
  'outreach', // アウトリーチ等を通じた継続的支援
  'community', // 地域づくり
] as const;
export type Programme = (typeof PROGRAMMES)[number];

/** Fields (分野) a case touches; they decide which field meeting fits when consent is missing. */
export const FIELDS = ['children', 'elderly', 'disability', 'poverty', 'general'] as const;
export type Field = (typeof FIELDS)[number];

/** What an agency of the register serves: a field, or coordinating the case (the coordinator office). */
export const AGENCY_FIELDS = [...FIELDS, 'coordination'] as const;
