import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import {
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryWorkflowClientInterceptor,
} from '@temporalio/interceptors-opentelemetry';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';

/**
 * OpenTelemetry for one process: spans batched to an OTLP/HTTP collector, the provider global
 * (with the async-local context, so a span started for a request is the parent of what it
 * calls). Span names and attributes are operations and ids of Temporal objects, never case data.
 */
export function startTracing(serviceName: string, endpoint: string): NodeTracerProvider {
  const provider = new NodeTracerProvider({
    resource: new Resource({ 'service.name': serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: endpoint }))],
  });
  provider.register();
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
