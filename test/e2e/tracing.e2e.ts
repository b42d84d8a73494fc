import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { startTracing } from '@sss/temporal/tracing';
import { caseSteps } from './case-steps';
import { httpClient, tokenFor } from './http';
import { Product, startProduct } from './product';
import { USERS } from './users';

/**
 * One request followed by its trace, as an operator's collector receives it (OTLP/HTTP JSON):
 * the API's server span, the Temporal client's update, the workflow's handling of it and the
 * activity it schedules, and the activity's run on the worker, each the child of the one before.
 */
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
}

let product: Product;
let provider: NodeTracerProvider;
let collector: http.Server;
/** Every body the collector received, and the spans in them. */
const bodies: string[] = [];
const spans: OtlpSpan[] = [];

beforeAll(async () => {
  collector = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      bodies.push(body);
      const json = JSON.parse(body) as {
        resourceSpans?: { scopeSpans?: { spans?: OtlpSpan[] }[] }[];
      };
      for (const r of json.resourceSpans ?? [])
        for (const s of r.scopeSpans ?? []) spans.push(...(s.spans ?? []));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  const { port } = collector.address() as AddressInfo;
  // As main.ts does with OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, for the API and the worker alike.
  provider = startTracing('sss-e2e', `http://127.0.0.1:${port}/v1/traces`);
  product = await startProduct(`e2e-${randomUUID()}`);
}, 120_000);
afterAll(async () => {
  await product?.stop();
  await provider?.shutdown();
  collector?.close();
});

it('follows a step from its HTTP request through the workflow into its activity, in one trace without case data', async () => {
  const coordinator = await tokenFor(USERS.coordinator);
  const steps = caseSteps(httpClient(product.baseUrl), coordinator);
  const id = await steps.referred();
  await steps.act(id, 'consent', { status: 'given' });

  const request = () => spans.find((s) => s.name === 'POST /v1/cases/:id/consent');
  const trace = () => spans.filter((s) => s.traceId === request()?.traceId);
  for (let i = 0; i < 40 && !trace().some((s) => s.name.startsWith('RunActivity:')); i++) {
    await provider.forceFlush();
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const byId = new Map(trace().map((s) => [s.spanId, s]));
  const parentOf = (s: OtlpSpan | undefined) =>
    s?.parentSpanId ? byId.get(s.parentSpanId) : undefined;
  const ran = trace().find((s) => s.name.startsWith('RunActivity:'));
  // The activity's run, up through the workflow, to the request.
  const chain: string[] = [];
  for (let s = ran; s; s = parentOf(s)) chain.unshift(s.name);
  expect(chain).toEqual([
    'POST /v1/cases/:id/consent',
    'StartWorkflowUpdate:completeTask',
    'HandleUpdate:completeTask',
    expect.stringMatching(/^StartActivity:/),
    expect.stringMatching(/^RunActivity:/),
  ]);
  // Operations and ids only: no household name, no step data, in anything sent.
  expect(bodies.join('\n')).not.toContain('稲村');
  expect(bodies.join('\n')).not.toContain('"given"');
});
