import type { WorkflowClient, WorkflowExecutionInfo } from '@temporalio/client';

/**
 * The runs a visibility query finds, read a page of `limit` at a time: without a page size the
 * server sends its default page (1,000 rows) to show a listing of 100.
 */
export function visibilityPages(
  workflow: Pick<WorkflowClient, 'list'>,
  query: string,
  limit: number,
): AsyncIterable<WorkflowExecutionInfo> {
  return workflow.list({ query, pageSize: limit });
}
