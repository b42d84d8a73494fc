import { Connection, isGrpcServiceError } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { CASE_SEARCH_ATTRIBUTES } from '@sss/workflows/search-attributes';

const GRPC_ALREADY_EXISTS = 6;
const GRPC_UNIMPLEMENTED = 12;

/** Registers a namespace unless it exists (a cluster's first start, a suite's own namespace). */
export async function registerNamespace(
  connection: Pick<Connection, 'workflowService'>,
  namespace: string,
): Promise<void> {
  try {
    await connection.workflowService.registerNamespace({
      namespace,
      workflowExecutionRetentionPeriod: msToTs('30 days'),
    });
  } catch (error) {
    if (!(isGrpcServiceError(error) && error.code === GRPC_ALREADY_EXISTS)) throw error;
  }
}

/**
 * Registers our custom search attributes in a namespace, adding only the missing ones, so it is
 * safe on every start and on a server that already has older ones (the dev server's `start-dev`
 * flags register them only in a fresh database).
 */
export async function registerSearchAttributes(
  connection: Pick<Connection, 'operatorService'>,
  namespace: string,
): Promise<string[]> {
  const existing = await connection.operatorService
    .listSearchAttributes({ namespace })
    .then((r) => r.customAttributes ?? {})
    // The time-skipping test server cannot list them; it always starts empty.
    .catch((error: unknown) => {
      if (isGrpcServiceError(error) && error.code === GRPC_UNIMPLEMENTED) return {};
      throw error;
    });
  const missing = CASE_SEARCH_ATTRIBUTES.filter((a) => !(a.name in existing));
  if (missing.length === 0) return [];
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(
      missing.map((a) => [
        a.name,
        temporal.api.enums.v1.IndexedValueType[`INDEXED_VALUE_TYPE_${a.type}`],
      ]),
    ),
  });
  return missing.map((a) => a.name);
}
