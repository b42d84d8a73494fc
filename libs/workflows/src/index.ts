// The workflow bundle's entry point: only workflow functions are exported from here.
export { processWorkflow } from './process/process.workflow';
export { noticeDeliveryWorkflow } from './process/notice-delivery.workflow';
