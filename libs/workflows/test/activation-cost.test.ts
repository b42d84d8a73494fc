import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { FlowElement } from '@sss/domain';
import { definition, end, start, task } from '../../domain/src/process/test/builders';
import { processViewQuery } from '../src/process/process-messages';
import { processHarness, testActivities } from './process-harness';
import { startTimeSkippingServer } from './time-skipping';

let env: TestWorkflowEnvironment;
let harness: Awaited<ReturnType<typeof processHarness>>;
let running: Promise<void>;

beforeAll(async () => {
  env = await startTimeSkippingServer();
  harness = await processHarness(env, testActivities().activities);
  running = harness.worker.run();
});
afterAll(async () => {
  harness?.worker.shutdown();
  await running;
  await env?.teardown();
});

/**
 * The SDK records the stack of every promise a workflow makes, source-mapping each frame; with
 * ten frames that was a quarter of every activation (docs/benchmarks.md). The bundle keeps one.
 */
it('records one stack frame per pending promise of a running process', async () => {
  const h = await harness.start(
    definition(
      [start, task('assess', { dueIn: 'P14D' } as Partial<FlowElement>), end],
      ['start->assess', 'assess->end'],
    ),
  );
  await h.query(processViewQuery);
  const trace = await h.query<string>('__stack_trace');
  const stacks = trace.split(/\n\n/).filter(Boolean);
  expect(stacks.length).toBeGreaterThan(0);
  for (const stack of stacks)
    expect(stack.split('\n').filter((l) => /^\s+at /.test(l))).toHaveLength(1);
});
