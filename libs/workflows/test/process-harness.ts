import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, WorkerOptions } from '@temporalio/worker';
import {
  definitionKey,
  PinnedByHash,
  ProcessDefinition,
  ProcessSnapshot,
  Variables,
} from '@sss/domain';
import { processWorkflow } from '../src/process/process.workflow';
import type { ProcessInput } from '../src/process/process-messages';
import { workflowSinks } from '@sss/temporal/workflow-sinks';
import { workflowBundle } from './time-skipping';

/** Test activities a service task may name: they record their calls so tests can assert on them. */
export function testActivities() {
  const calls: { activity: string; input: Variables }[] = [];
  let failuresLeft = 0;
  return {
    calls,
    failNextCalls(n: number) {
      failuresLeft = n;
    },
    activities: {
      async recordPlan(input: Variables): Promise<Variables> {
        calls.push({ activity: 'recordPlan', input });
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          throw new Error('database unavailable');
        }
        return { version: 2 };
      },
      async slowCheck(input: Variables): Promise<Variables> {
        calls.push({ activity: 'slowCheck', input });
        await new Promise((resolve) => setTimeout(resolve, 60_000));
        return {};
      },
    },
  };
}

/** A worker on its own task queue, and a way to start processes on it. */
export async function processHarness(
  env: TestWorkflowEnvironment,
  activities: object,
  options: Partial<WorkerOptions> = {},
) {
  const taskQueue = `process-${randomUUID()}`;
  /** The last snapshot each process sent its worker (what the product stores for lists). */
  const snapshots = new Map<string, ProcessSnapshot>();
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    // Notices go nowhere unless a test records them; none is staged (the process sends all).
    activities: {
      deliverNotice: async () => undefined,
      stageNotices: async (): Promise<string[]> => [],
      ...activities,
    },
    sinks: workflowSinks({
      record: async (workflowId, _version, snapshot) => void snapshots.set(workflowId, snapshot),
    }),
    ...options,
  });
  const start = (
    root: ProcessDefinition,
    variables: Variables = {},
    more: Partial<ProcessInput> & { others?: ProcessDefinition[] } = {},
  ) => {
    const { others = [], ...rest } = more;
    const definitions = Object.fromEntries(
      [root, ...others].map((d) => [definitionKey(d), d] as const),
    );
    return env.client.workflow.start(processWorkflow, {
      taskQueue,
      workflowId: `process-${randomUUID()}`,
      args: [{ definitions, root: definitionKey(root), variables, ...rest }],
    });
  };
  /** Starts a process pinned by hash, as the API starts cases: the worker ships the definitions. */
  const startPinned = (
    pinned: PinnedByHash,
    variables: Variables = {},
    more: Partial<ProcessInput> = {},
  ) =>
    env.client.workflow.start(processWorkflow, {
      taskQueue,
      workflowId: `process-${randomUUID()}`,
      args: [{ ...pinned, variables, ...more }],
    });
  return { worker, start, startPinned, taskQueue, snapshots };
}
