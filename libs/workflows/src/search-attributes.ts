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

/** `id@version` of the process definition a run follows. */
export const ProcessDefinitionAttribute = defineSearchAttributeKey(
  'ProcessDefinition',
  SearchAttributeType.KEYWORD,
);
/** Element ids of the user tasks open now. */
export const OpenTasksAttribute = defineSearchAttributeKey(
  'OpenTasks',
  SearchAttributeType.KEYWORD_LIST,
);
/** When the next open task falls due. */
export const NextDueAtAttribute = defineSearchAttributeKey(
  'NextDueAt',
  SearchAttributeType.DATETIME,
);
export const OverdueAttribute = defineSearchAttributeKey('Overdue', SearchAttributeType.BOOL);
/** Element ids of the user tasks past their due date (e.g. `monitor`). */
export const OverdueTasksAttribute = defineSearchAttributeKey(
  'OverdueTasks',
  SearchAttributeType.KEYWORD_LIST,
);
/** An activity of the process keeps failing and is being retried. */
export const ActivityFailingAttribute = defineSearchAttributeKey(
  'ActivityFailing',
  SearchAttributeType.BOOL,
);
/** 0 when nothing is escalated; 1, 2, … as escalation steps are reached. */
export const EscalationLevelAttribute = defineSearchAttributeKey(
  'EscalationLevel',
  SearchAttributeType.INT,
);

export const CASE_SEARCH_ATTRIBUTES = [
  CaseStageAttribute,
  CaseProgrammeAttribute,
  MunicipalityAttribute,
  ProcessDefinitionAttribute,
  OpenTasksAttribute,
  NextDueAtAttribute,
  OverdueAttribute,
  OverdueTasksAttribute,
  EscalationLevelAttribute,
  ActivityFailingAttribute,
] as const;
