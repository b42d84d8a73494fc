// What a Temporal client needs to talk to the case workflows, without loading workflow code.
export * from './case-messages';
export * from './case-activities';
export * from './search-attributes';
export type { caseWorkflow } from './case.workflow';
export * from './process/process-messages';
export type { processWorkflow } from './process/process.workflow';
