/** Not a workflow: the workflow interceptors every bundle carries (libs/temporal/src/workflow-bundle.ts). */
// The interceptors are what this module bundles into the sandbox: deterministic by their design.
// eslint-disable-next-line no-restricted-imports
import {
  OpenTelemetryInboundInterceptor,
  OpenTelemetryInternalsInterceptor,
  OpenTelemetryOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/workflow';
import type {
  WorkflowInboundCallsInterceptor,
  WorkflowInterceptors,
  WorkflowInternalsInterceptor,
  WorkflowOutboundCallsInterceptor,
} from '@temporalio/workflow';
import { PATCH, patchesFor } from './process/patches';
import type { ProcessInput } from './process/process-messages';
import { isPinnedByHash } from './process/shipped-definitions';

/**
 * OpenTelemetry's workflow interceptors, for runs that began with them. Their spans wrap the run,
 * its updates, signals and queries, and what it schedules, and the wrapping moves the point at
 * which an update answers among the run's commands: a run recorded without them would not
 * replay. So each run decides once, as it starts (patch `trace-workflows`), and keeps to it.
 */
export const interceptors = (): WorkflowInterceptors => {
  let traced = false;
  const inbound = new OpenTelemetryInboundInterceptor();
  const outbound = new OpenTelemetryOutboundInterceptor();
  const internals = new OpenTelemetryInternalsInterceptor();
  const gatedInbound: WorkflowInboundCallsInterceptor = {
    execute: (input, next) => {
      // A notice's delivery workflow is never pinned by hash; a case's process may be.
      const first = input.args[0] as ProcessInput | undefined;
      traced = patchesFor(!!first && isPinnedByHash(first))(PATCH.traceWorkflows);
      return traced ? inbound.execute(input, next) : next(input);
    },
    handleSignal: (input, next) => (traced ? inbound.handleSignal(input, next) : next(input)),
    handleUpdate: (input, next) => (traced ? inbound.handleUpdate(input, next) : next(input)),
    // No spans for validators and queries: they run only live, never on replay, and a span
    // draws on the run's seeded randomness, so the ids of every later span would differ between
    // the task that scheduled an activity (its id in the activity's headers) and the replay that
    // ends that span (the worker keeps no cached runs: every task replays).
  };
  const gatedOutbound: WorkflowOutboundCallsInterceptor = {
    scheduleActivity: (input, next) =>
      traced ? outbound.scheduleActivity(input, next) : next(input),
    scheduleLocalActivity: (input, next) =>
      traced ? outbound.scheduleLocalActivity(input, next) : next(input),
    startChildWorkflowExecution: (input, next) =>
      traced ? outbound.startChildWorkflowExecution(input, next) : next(input),
    continueAsNew: (input, next) => (traced ? outbound.continueAsNew(input, next) : next(input)),
    signalWorkflow: (input, next) => (traced ? outbound.signalWorkflow(input, next) : next(input)),
  };
  const gatedInternals: WorkflowInternalsInterceptor = {
    dispose: (input, next) => (traced ? internals.dispose(input, next) : next(input)),
  };
  return { inbound: [gatedInbound], outbound: [gatedOutbound], internals: [gatedInternals] };
};
