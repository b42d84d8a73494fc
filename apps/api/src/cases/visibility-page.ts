import { BadRequestException } from '@nestjs/common';
import type { Client, WorkflowClient, WorkflowExecutionInfo } from '@temporalio/client';
import { executionInfoFromRaw } from '@temporalio/client/lib/helpers';
import { loadDataConverter } from '@temporalio/common/lib/internal-non-workflow';
import type { temporal } from '@temporalio/proto';
import { CURSOR_REFUSED } from '../validation/page-cursor';

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

/** One page of a visibility query and the server's token for the next, if there is one. */
export interface VisibilityPage {
  executions: WorkflowExecutionInfo[];
  next?: Uint8Array;
}

/**
 * One page of `pageSize` runs a visibility query finds, from `token` (a page a cursor continues),
 * with only the search attributes `shown` decoded (a run has a dozen; a page of 100 spent more
 * time decoding the rest than the API spent on anything else). A token the server cannot read
 * (garbled or forged) is the caller's bad cursor, a 400.
 */
export async function visibilityPage(
  client: Client,
  query: string,
  pageSize: number,
  shown: readonly { name: string }[],
  token?: Uint8Array,
): Promise<VisibilityPage> {
  const { namespace } = client.options;
  let raw: temporal.api.workflowservice.v1.IListWorkflowExecutionsResponse;
  try {
    raw = await client.workflowService.listWorkflowExecutions({
      namespace,
      query,
      pageSize,
      ...(token ? { nextPageToken: token } : {}),
    });
  } catch (error) {
    if (token && (error as { code?: number }).code === GRPC_INVALID_ARGUMENT) {
      throw new BadRequestException(CURSOR_REFUSED);
    }
    throw error;
  }
  const executions = await Promise.all(
    (raw.executions ?? []).map((e) => {
      const fields = e.searchAttributes?.indexedFields ?? {};
      const indexedFields = Object.fromEntries(
        shown.flatMap(({ name }) => (fields[name] ? [[name, fields[name]]] : [])),
      );
      // The row as it came (a message's unset fields are its prototype's), but these two.
      const shownOnly = Object.assign(Object.create(e) as typeof e, {
        searchAttributes: { indexedFields },
        memo: null,
      });
      return executionInfoFromRaw(shownOnly, PLAIN, e, namespace);
    }),
  );
  const next = raw.nextPageToken?.length ? raw.nextPageToken : undefined;
  return { executions, ...(next ? { next } : {}) };
}

/** gRPC's status for an argument the server refuses (a page token it cannot read). */
const GRPC_INVALID_ARGUMENT = 3;
/** Search attributes are not sealed by the payload codec; a listing decodes nothing else (no memo). */
const PLAIN = loadDataConverter();
