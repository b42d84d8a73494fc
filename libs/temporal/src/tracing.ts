import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { IResource, Resource } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  NoopSpanProcessor,
  SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryWorkflowClientInterceptor,
  OpenTelemetryWorkflowExporter,
} from '@temporalio/interceptors-opentelemetry';
import type { ActivityInterceptorsFactory, InjectedSinks } from '@temporalio/worker';

/** Where the workflows' spans go: the process's span processor, or nowhere without tracing. */
let workflowSpans: { processor: SpanProcessor; resource: IResource } = {
  processor: new NoopSpanProcessor(),
  resource: Resource.empty(),
};

/**
 * OpenTelemetry for one process: spans batched to an OTLP/HTTP collector, the provider global
 * (with the async-local context, so a span started for a request is the parent of what it
 * calls). Span names and attributes are operations and ids of Temporal objects, never case data.
 */
export function startTracing(serviceName: string, endpoint: string): NodeTracerProvider {
  const resource = new Resource({ 'service.name': serviceName });
  const processor = new BatchSpanProcessor(new OTLPTraceExporter({ url: endpoint }));
  const provider = new NodeTracerProvider({ resource, spanProcessors: [processor] });
  provider.register();
  workflowSpans = { processor, resource };
  return provider;
}

/**
 * The client's: a span per start, update and query, its context in the Temporal headers. Without
 * a registered provider (no tracing configured) the OpenTelemetry API is a no-op.
 */
export const tracingClientInterceptors = () => ({
  workflow: [new OpenTelemetryWorkflowClientInterceptor()],
});

/** The worker's: each activity a span, a child of the context its headers carry. */
export const tracingActivityInterceptors: ActivityInterceptorsFactory = (ctx) => ({
  inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
});

/**
 * The sink the workflow interceptors hand their spans to. The SDK's exporter copies the whole
 * workflow info onto each span (search attributes, memo, last result); only the run's ids go.
 */
export function tracingWorkflowSinks(): InjectedSinks<{ exporter: OpenTelemetryWorkflowExporter }> {
  const { processor, resource } = workflowSpans;
  const sdk = makeWorkflowExporter(processor, resource);
  return {
    exporter: {
      export: {
        fn: (info, spans) =>
          sdk.export.fn(
            {
              workflowId: info.workflowId,
              runId: info.runId,
              workflowType: info.workflowType,
              taskQueue: info.taskQueue,
              namespace: info.namespace,
            } as typeof info,
            spans,
          ),
      },
    },
  };
}
