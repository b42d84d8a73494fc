import { workflowSinks } from '@sss/temporal/workflow-sinks';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { caseWorkflowId } from '@sss/domain';
import { parsePayloadKeys, PayloadCipher, WorkerPayloadCodec } from '@sss/temporal';
import { Service, startService } from '../../tools/dev/child-process';
import { REPO_ROOT } from '../../tools/dev/paths';
import { e2eEnvironment } from './product';
import { withRawTemporal } from './raw-temporal';

/** The worker as its own process (apps/worker/src/main.ts), so that a test can SIGKILL it. */
export function startWorkerProcess(
  name: string,
  taskQueue: string,
  overrides: Record<string, string>,
): Service {
  return startService(
    name,
    process.execPath,
    ['-r', '@swc-node/register', 'apps/worker/src/main.ts'],
    path.join(process.env.E2E_DIR ?? '', `${name}.log`),
    {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        ...e2eEnvironment(taskQueue, overrides),
        SWC_NODE_PROJECT: path.join(REPO_ROOT, 'tsconfig.json'),
      },
    },
  );
}

/**
 * The checks after a fault: no case's workflow has a failed workflow task, and every history
 * replays with today's workflow code and the product's data converter. Resolves to the problems.
 */
export async function historyProblems(
  caseIds: string[],
  bundlePath: string,
  address = process.env.E2E_TEMPORAL_ADDRESS,
): Promise<string[]> {
  const histories = await withRawTemporal(
    (client) =>
      Promise.all(
        caseIds.map((id) => client.workflow.getHandle(caseWorkflowId(id)).fetchHistory()),
      ),
    address,
  );
  const problems = histories.flatMap((h, i) =>
    (h.events ?? [])
      .filter((e) => e.workflowTaskFailedEventAttributes)
      .map((e) => `${caseIds[i]}: workflow task failed at ${String(e.eventId)}`),
  );
  const replays = Worker.runReplayHistories(
    {
      workflowBundle: { codePath: bundlePath },
      sinks: workflowSinks(),
      dataConverter: {
        payloadCodecs: [
          new WorkerPayloadCodec(
            new PayloadCipher(parsePayloadKeys(process.env.E2E_PAYLOAD_KEYS ?? '')),
          ),
        ],
      },
    },
    histories.map((history, i) => ({ workflowId: caseWorkflowId(caseIds[i]), history })),
  );
  for await (const replay of replays) {
    if (replay.error) problems.push(`${replay.workflowId}: ${String(replay.error)}`);
  }
  return problems;
}
