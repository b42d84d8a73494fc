import { randomUUID } from 'node:crypto';
import {
  registerNamespace,
  registerSearchAttributes,
} from '@sss/temporal/search-attribute-registration';
import { withRawTemporal } from './raw-temporal';

/**
 * A Temporal namespace of the suite's own, with the case search attributes, for a suite whose
 * assertions cover every case of a municipality in Temporal's visibility store: the suites share
 * one server, and another suite's cases (their workers stopped) would be listed too.
 */
export async function ownNamespace(): Promise<string> {
  const namespace = `e2e-${randomUUID()}`;
  await withRawTemporal(async (client) => {
    await registerNamespace(client.connection, namespace);
    // A namespace is served once the frontend's namespace cache has it: a second or so.
    for (let attempt = 0; ; attempt++) {
      try {
        await registerSearchAttributes(client.connection, namespace);
        await client.workflowService.describeNamespace({ namespace });
        break;
      } catch (error) {
        if (attempt >= 40) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  });
  return namespace;
}
