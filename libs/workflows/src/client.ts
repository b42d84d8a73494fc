// What a Temporal client needs to talk to the case workflows, without loading workflow code.
export * from './search-attributes';
export * from './process/process-messages';
export type { processWorkflow } from './process/process.workflow';
export type { ProcessSnapshotSinks } from './process/process-snapshot-sinks';
export type { noticeDeliveryWorkflow } from './process/notice-delivery.workflow';
