import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes managers filter cases by in the Temporal UI. They never carry
 * personal data. The embedded dev server registers exactly this list at start-up.
 */
export const CaseStageAttribute = defineSearchAttributeKey(
  'CaseStage',
  SearchAttributeType.KEYWORD,
);
export const CaseProgrammeAttribute = defineSearchAttributeKey(
  'CaseProgramme',
  SearchAttributeType.KEYWORD,
);
export const MunicipalityAttribute = defineSearchAttributeKey(
  'Municipality',
  SearchAttributeType.KEYWORD,
);

export const CASE_SEARCH_ATTRIBUTES = [
  CaseStageAttribute,
  CaseProgrammeAttribute,
  MunicipalityAttribute,
] as const;
