import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Connection, ConnectionOptions } from '@temporalio/client';
import { caseWorkflowId } from '@sss/domain';
import { workflowBundle } from '../../libs/workflows/test/time-skipping';
import type { Service } from '../../tools/dev/child-process';
import { startApiProcess } from './api-process';
import { ARTIFACTS_DIR } from './browser';
import { caseSteps, sleep, until } from './case-steps';
import { freeLowPorts } from './free-port';
import { httpClient, Reply, tokenFor } from './http';
import { e2eTemporalTls, withRawTemporal } from './raw-temporal';
import { USERS } from './users';
import { historyProblems, startWorkerProcess } from './worker-process';

/**
 * Only with E2E_TEMPORAL=cluster (jest.config.js): the production shape's own promises. Its
 * frontend takes only clients of its CA; two APIs and two workers share the cases, and killing
 * one of each mid-flow, then rolling the workers onto another bundle, loses and duplicates nothing.
 */
const address = process.env.E2E_TEMPORAL_ADDRESS ?? '';
/** The updates by which a coordinator's step reaches a case (apps/api/src/cases/case-process.ts). */
const ACTION_UPDATES = ['completeTask', 'sendMessage'];

async function reaches(tls: ConnectionOptions['tls']): Promise<boolean> {
  try {
    const connection = await Connection.connect({ address, tls, connectTimeout: 3000 });
    try {
      await connection.withDeadline(Date.now() + 3000, () =>
        connection.workflowService.getSystemInfo({}),
      );
      return true;
    } finally {
      await connection.close();
    }
  } catch {
    return false;
  }
}

it('refuses a client without a certificate of the cluster CA', async () => {
  const tls = e2eTemporalTls();
  const dir = path.dirname(tls.TEMPORAL_TLS_SERVER_CA_FILE);
  const server = {
    serverNameOverride: tls.TEMPORAL_TLS_SERVER_NAME,
    serverRootCACertificate: fs.readFileSync(tls.TEMPORAL_TLS_SERVER_CA_FILE),
  };
  const pair = (name: string) => ({
    crt: fs.readFileSync(path.join(dir, `${name}.pem`)),
    key: fs.readFileSync(path.join(dir, `${name}.key`)),
  });
  expect(await reaches(undefined)).toBe(false);
  expect(await reaches(server)).toBe(false);
  expect(await reaches({ ...server, clientCertPair: pair('stranger') })).toBe(false);
  expect(await reaches({ ...server, clientCertPair: pair('client') })).toBe(true);
});

describe('two APIs and two workers', () => {
  const taskQueue = `e2e-${randomUUID()}`;
  const CASES = 6;
  let bundles: { before: string; after: string };
  const services: Service[] = [];

  beforeAll(async () => {
    const code = (await workflowBundle()).code;
    const file = (name: string) =>
      path.join(process.env.E2E_DIR ?? '', `${name}-${randomUUID()}.js`);
    bundles = { before: file('bundle'), after: file('bundle-rolled') };
    fs.writeFileSync(bundles.before, code);
    // The rolled-out build: another artefact of the same workflow code (changes that could alter
    // a history are patched and replay-tested in libs/workflows/test, not here).
    // (Prepended: the bundle ends with its source map, which the worker reads.)
    fs.writeFileSync(bundles.after, `// rolled out ${new Date().toISOString()}\n${code}`);
  });
  afterAll(async () => {
    for (const service of services) await service.stop();
    // The processes' logs outlive the run's folder, for CI to keep.
    const out = path.join(ARTIFACTS_DIR, 'cluster');
    fs.mkdirSync(out, { recursive: true });
    for (const service of services) {
      const log = path.join(process.env.E2E_DIR ?? '', `${service.name}.log`);
      if (fs.existsSync(log)) fs.copyFileSync(log, path.join(out, `${service.name}.log`));
    }
  });

  const worker = (name: string, bundle: string, healthPort?: number, metricsPort?: number) => {
    const service = startWorkerProcess(name, taskQueue, {
      WORKFLOW_BUNDLE_PATH: bundle,
      ...(healthPort ? { HEALTH_ADDRESS: `127.0.0.1:${healthPort}` } : {}),
      ...(metricsPort ? { METRICS_ADDRESS: `127.0.0.1:${metricsPort}` } : {}),
    });
    services.push(service);
    return service;
  };
  /** Starts a worker and resolves once its readiness probe says it polls, as a rollout waits. */
  const readyWorker = async (name: string, bundle: string, metricsPort?: number) => {
    const [port] = await freeLowPorts(1);
    const service = worker(name, bundle, port, metricsPort);
    await until(
      `${name} ready`,
      async () => {
        const res = await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => undefined);
        return res?.status === 200 ? true : undefined;
      },
      90_000,
    );
    return service;
  };

  it('work cases through either, and killing one of each mid-flow or rolling the workers loses and duplicates nothing', async () => {
    const workers = [
      worker('scale-worker-1', bundles.before),
      worker('scale-worker-2', bundles.before),
    ];
    const [apiMetricsPort, workerMetricsPort, ...ports] = await freeLowPorts(4);
    const apis = await Promise.all(
      ports.map((port, i) =>
        startApiProcess(`scale-api-${i + 1}`, taskQueue, port, {
          LOG_LEVEL: 'info',
          // The survivor's metrics are read at the end.
          ...(i === 1 ? { METRICS_ADDRESS: `127.0.0.1:${apiMetricsPort}` } : {}),
        }),
      ),
    );
    services.push(...apis);
    const clients = ports.map((port) => httpClient(`http://127.0.0.1:${port}`));
    const coordinator = await tokenFor(USERS.coordinator);
    const alive = [true, true];
    const repeats: number[] = [];
    const pending: number[] = [];
    const unavailable: number[] = [];
    let acted = 0;

    /**
     * Case i goes through API i % 2. A request a killed API never answered is sent again through
     * the other, as a load balancer's client would; a repeat that finds its step already taken
     * must show that step done once, never twice.
     */
    const stepsFor = (i: number) => {
      let which = i % 2;
      /** Sends through the API of this case, or the other when it died; answers its reply. */
      async function viaEither(
        send: (api: ReturnType<typeof httpClient>) => Promise<Reply>,
        step = false,
      ) {
        let unanswered = 0;
        for (let waited = 0; ;) {
          if (!alive[which]) which = 1 - which;
          try {
            const res = await send(clients[which]);
            // Taken, its records written later (the worker that would write them may be dead).
            if (step && res.status === 202) {
              pending.push(res.status);
              return { ...res, status: 200 };
            }
            // Temporal could not be asked (the survivor's queries met the dead worker's polls):
            // nothing was taken; ask again after Retry-After, as a client would.
            if (res.status === 503 && waited++ < 40) {
              unavailable.push(res.status);
              await sleep(Number(res.headers.get('retry-after') ?? 1) * 1000);
              continue;
            }
            if (step && res.status === 409) {
              // A repeat of a step the dead API had already taken is refused as no longer
              // open; the histories below show whether it was taken once.
              if (unanswered > 0) {
                repeats.push(res.status);
                return { ...res, status: 200 };
              }
              // Not open yet: the step before it is still on its way through a worker (one
              // whose task was on the killed worker waits out the task timeout). Nothing was
              // taken; ask again, as a coordinator would.
              if (waited++ < 40) {
                await sleep(1000);
                continue;
              }
            }
            return res;
          } catch (error) {
            if (++unanswered > 4) throw error;
            which = 1 - which;
            await sleep(500);
          }
        }
      }
      const either = {
        post: (url: string, body: unknown, token?: string) =>
          viaEither((api) => api.post(url, body, token), true).finally(() => acted++),
        get: (url: string, token?: string) => viaEither((api) => api.get(url, token)),
      } as unknown as ReturnType<typeof httpClient>;
      return caseSteps(either, coordinator);
    };

    const started = Date.now();
    const flows = Array.from({ length: CASES }, async (_, i) => {
      await sleep(i * 400);
      return stepsFor(i).inSupport('PT1H', 'P2M');
    });
    // Mid-flow: once a third of the cases' steps were sent, one worker and one API die at once.
    while (acted < (CASES * 7) / 3) await sleep(100);
    workers[0].process.kill('SIGKILL');
    apis[0].process.kill('SIGKILL');
    alive[0] = false;
    const killedAt = Date.now() - started;
    const ids = await Promise.all(flows);
    const flowMs = Date.now() - started;

    // Rolling restart of the workers onto the new bundle: a new one is ready, the old one stops.
    const rolled = [await readyWorker('scale-worker-3', bundles.after, workerMetricsPort)];
    await workers[1].stop();
    rolled.push(await readyWorker('scale-worker-4', bundles.after));
    for (const [i, id] of ids.entries()) {
      await stepsFor(i).act(id, 'monitoring', { note: 'n', next: 'continue' });
    }

    const api = clients[1];
    for (const id of ids) {
      const view = (await api.get(`/v1/cases/${id}`, coordinator)).body;
      expect(view.workflow.openTasks.map((t: { elementId: string }) => t.elementId)).toContain(
        'monitor',
      );
    }
    // Each case's history and those of the processes it called (the meeting is a child).
    const histories = await withRawTemporal(async (client) => {
      const fetch = (workflowId: string) => client.workflow.getHandle(workflowId).fetchHistory();
      return Promise.all(
        ids.map(async (id) => {
          const own = await fetch(caseWorkflowId(id));
          const children = (own.events ?? []).flatMap((e) => {
            const child = e.startChildWorkflowExecutionInitiatedEventAttributes?.workflowId;
            return child ? [child] : [];
          });
          return { own, children: await Promise.all(children.map(fetch)) };
        }),
      );
    });
    const identities = new Set<string>();
    for (const { own, children } of histories) {
      const events = [own, ...children].flatMap((h) => h.events ?? []);
      for (const e of events) {
        const identity = e.workflowTaskCompletedEventAttributes?.identity;
        if (identity) identities.add(identity);
      }
      // Seven steps (consent, assessment, plan, schedule, outcome, plan consent, monitoring):
      // each taken exactly once, whichever API or repeat sent it.
      const actions = events.filter((e) =>
        ACTION_UPDATES.includes(
          e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name ?? '',
        ),
      );
      expect(actions).toHaveLength(7);
      expect(own.events?.filter((e) => e.workflowExecutionStartedEventAttributes)).toHaveLength(1);
    }
    const pid = (s: Service) => `${s.process.pid}@${os.hostname()}`;
    // Cases were worked by both first workers, and finished by the rolled-out ones.
    expect([...identities]).toEqual(expect.arrayContaining(workers.map(pid)));
    expect(rolled.map(pid).some((id) => identities.has(id))).toBe(true);
    expect(await historyProblems(ids, bundles.after)).toEqual([]);

    // What an operator scrapes: the API's actions by outcome and stuck-case counts, the worker's
    // SDK metrics; no case id anywhere in them.
    const scrape = async (port: number) => (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const apiMetrics = await scrape(apiMetricsPort);
    expect(apiMetrics).toMatch(
      /sss_case_actions_total\{action="monitoring",outcome="done"\} [1-9]/,
    );
    expect(apiMetrics).toMatch(/sss_stuck_cases\{name="task_failing"\} \d+/);
    expect(apiMetrics).toMatch(
      /sss_api_request_duration_seconds_bucket\{le="[^"]+",route="\/v1\/cases\/:id",method="GET"\}/,
    );
    const workerMetrics = await scrape(workerMetricsPort);
    expect(workerMetrics).toContain('temporal_workflow_task_schedule_to_start_latency_bucket');
    expect(workerMetrics).toContain('temporal_activity_schedule_to_start_latency_bucket');
    for (const id of ids) {
      expect(apiMetrics).not.toContain(id);
      expect(workerMetrics).not.toContain(id);
    }
    process.stdout.write(
      `scale-out: ${CASES} cases, worker and API killed at ${killedAt} ms, flows done at ${flowMs} ms, ${repeats.length} repeats (${repeats.join(',')}), ${pending.length} answered 202 (records pending), ${unavailable.length} answered 503 and sent again\n`,
    );
  }, 300_000);
});
