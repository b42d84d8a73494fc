import { EventEmitter } from 'node:events';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { NextFunction, Request, Response } from 'express';
import { HttpTracingMiddleware } from './http-tracing.middleware';

describe('HttpTracingMiddleware', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  beforeAll(() => provider.register());
  afterAll(() => provider.shutdown());

  it('makes the request span the parent of what the handler calls, named by the route pattern', async () => {
    const id = '0b6c6d0e-5f7a-4b53-9d4b-1f1c2e3d4a5b';
    const req = { method: 'POST', baseUrl: '', path: `/v1/cases/${id}/consent` } as Request;
    const res = Object.assign(new EventEmitter(), { statusCode: 200 }) as unknown as Response;
    const handled = new Promise<void>((resolve) => {
      const next: NextFunction = () => {
        // What the Temporal client interceptor does: a span under the active context, later.
        setImmediate(() => {
          trace.getTracer('test').startActiveSpan('UpdateWorkflow:completeTask', (span) => {
            span.end();
            Object.assign(req, { route: { path: '/v1/cases/:id/consent' } });
            res.emit('finish');
            resolve();
          });
        });
      };
      new HttpTracingMiddleware().use(req, res, next);
    });
    await handled;
    const spans = exporter.getFinishedSpans();
    const server = spans.find((s) => s.name === 'POST /v1/cases/:id/consent');
    const child = spans.find((s) => s.name === 'UpdateWorkflow:completeTask');
    expect(server).toBeDefined();
    expect(child?.parentSpanId).toBe(server?.spanContext().spanId);
    expect(child?.spanContext().traceId).toBe(server?.spanContext().traceId);
    expect(JSON.stringify(spans.map((s) => [s.name, s.attributes]))).not.toContain(id);
  });
});
