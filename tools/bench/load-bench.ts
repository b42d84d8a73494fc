/**
 * The load benchmark (issue 18, item 1): the product through its API against the raw Temporal
 * calls the API makes, side by side on one stack; documented in docs/benchmarks.md.
 *
 *   npm run -s bench:load -- [--starts 48] [--concurrency 4] [--reads 60] [--lists 30]
 *       [--list-limit 100] [--open 0] [--reminders 0] [--worker-cache default]
 *       [--temporal dev|cluster] [--workers 1]
 *
 * One PostgreSQL, one Temporal (the dev server on a SQLite file, or with `--temporal cluster`
 * Temporal's own server on the PostgreSQL, behind mTLS, as tools/dev/cluster runs it), a mail
 * sink, the real API in this process and the real workers as processes of their own, configured
 * as the e2e suites do. Phases:
 *  1. starts: rounds of `concurrency` referrals of each kind, interleaved: POST /v1/cases, the
 *     raw update-with-start it makes, a bare workflow start (which waits for no workflow task);
 *  2. steps: the consent step through the API against the raw `completeTask` update;
 *  3. reads: GET /v1/cases/{id} against the raw describe + process-view query;
 *  4. lists: GET /v1/cases?limit=L against a raw visibility list of one page of L;
 *  5. scale (--open M): M more open cases (bare starts, each with its pending timers), the store,
 *     the worker's and the server's memory per case;
 *  6. reminders (--reminders N): N cases brought into monitoring so that their monitorings fall
 *     due together, among all the open cases; the lag from each due time to its inbox row and to
 *     its mail accepted by the SMTP sink; once per --worker-cache setting (a comma list of cache
 *     sizes, `default` for the worker's default; `/cold` after one restarts the worker again
 *     between the staging and the due time, so that no due case is cached), the worker
 *     restarted with it before each; and that once per --workers count (a comma list: that many
 *     worker processes on the task queue, those of a larger count added beside the running ones,
 *     as an operator scales out). The phases before run with the first settings.
 * The Markdown report goes to stdout, each section once measured; progress to stderr. A call
 * answered 503 is retried after its Retry-After, as a client would, and counted.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client as PgClient } from 'pg';
import { Client, WithStartWorkflowOperation } from '@temporalio/client';
import { TypedSearchAttributes } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { calendarFor, processFor, releasedDefinitions } from '@sss/definitions';
import { caseWorkflowId, parseWorkingCalendarSettings, ProcessView, Variables } from '@sss/domain';
import { runMigrations } from '@sss/persistence';
import {
  CaseProgrammeAttribute,
  completeTaskUpdate,
  MunicipalityAttribute,
  processViewQuery,
  processWorkflow,
  settledUpdate,
} from '@sss/workflows/client';
import { RETRY_AFTER_SECONDS } from '../../apps/api/src/outage';
import { CaseClients } from '../../apps/api/src/temporal/case-clients';
import { freePort } from '../../test/e2e/free-port';
import { httpClient, Reply, tokenFor } from '../../test/e2e/http';
import { startProduct } from '../../test/e2e/product';
import { startWorkerProcess } from '../../test/e2e/worker-process';
import { workflowBundle } from '../../libs/workflows/test/time-skipping';
import { Service, waitFor as waitForService } from '../dev/child-process';
import { KAMAKURA, USERS } from '../../test/e2e/users';
import { ALWAYS_OPEN_CALENDARS } from '../dev/always-open-calendar';
import { devIssuer } from '../dev/dev-issuer';
import { startMailSink } from '../dev/mail-sink';
import { newDemoPayloadKeys } from '../dev/payload-keys';
import { startPostgres } from '../dev/postgres';
import { startE2eTemporal } from '../../test/e2e/cluster-setup';

const { values: args } = parseArgs({
  options: {
    starts: { type: 'string', default: '48' },
    concurrency: { type: 'string', default: '4' },
    reads: { type: 'string', default: '60' },
    lists: { type: 'string', default: '30' },
    'list-limit': { type: 'string', default: '100' },
    open: { type: 'string', default: '0' },
    reminders: { type: 'string', default: '0' },
    'worker-cache': { type: 'string', default: 'default' },
    temporal: { type: 'string', default: 'dev' },
    workers: { type: 'string', default: '1' },
  },
});
const count = (name: keyof typeof args, min = 0): number => {
  const n = Number(args[name]);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}`);
  return n;
};
const STARTS = count('starts', 1);
const CONCURRENCY = count('concurrency', 1);
const READS = count('reads', 1);
const LISTS = count('lists', 1);
const LIST_LIMIT = count('list-limit', 1);
const OPEN = count('open');
const REMINDERS = count('reminders');
const WORKER_CACHES = (args['worker-cache'] ?? 'default').split(',').map((setting) => {
  const [, cache, cold] = /^(default|\d+)(\/cold)?$/.exec(setting) ?? [];
  if (!cache) throw new Error('--worker-cache must list sizes or default, each maybe with /cold');
  return { setting, cache, cold: Boolean(cold) };
});
const CLUSTER = args.temporal === 'cluster';
const STORE = CLUSTER ? 'PostgreSQL, its two databases' : 'SQLite file';
if (!CLUSTER && args.temporal !== 'dev') throw new Error('--temporal must be dev or cluster');
const WORKER_COUNTS = (args.workers ?? '1').split(',').map((setting) => {
  const n = Number(setting);
  if (!Number.isInteger(n) || n < 1) throw new Error('--workers must list counts ≥ 1');
  return n;
});

const began = performance.now();
const log = (message: string) =>
  process.stderr.write(`[load ${((performance.now() - began) / 1000).toFixed(0)} s] ${message}\n`);
/** Actions answered 202 (taken, records pending past ACTION_WAIT_SECONDS): a sign of a backlog. */
const pending = { n: 0 };
/** Calls answered 503 (not taken: Temporal or a worker did not answer in time), then retried. */
const unavailable = { n: 0 };
/** Each section of the report as soon as it is measured: a run that fails late keeps the rest. */
const report = (section: string) => process.stdout.write(`${section}\n\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---- measuring -------------------------------------------------------------------------------

const quantile = (xs: number[], q: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};
const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(x < 10 ? 1 : 0) : '–');
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '–');

/** Latencies of one kind of call, and the wall time its batches took. */
class Sample {
  readonly latencies: number[] = [];
  wall = 0;
  async time<T>(call: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    const result = await call();
    this.latencies.push(performance.now() - t0);
    return result;
  }
  get p50() {
    return quantile(this.latencies, 0.5);
  }
  get p99() {
    return quantile(this.latencies, 0.99);
  }
  get perSecond() {
    return this.wall > 0 ? (this.latencies.length * 1000) / this.wall : NaN;
  }
}

/** Runs `batches` rounds; in each, every kind runs `per` calls at once, kinds alternating order. */
async function interleaved<K extends string>(
  kinds: readonly K[],
  batches: number,
  per: number,
  call: (kind: K, sample: Sample, i: number) => Promise<void>,
): Promise<Record<K, Sample>> {
  const samples = Object.fromEntries(kinds.map((k) => [k, new Sample()])) as Record<K, Sample>;
  let i = 0;
  for (let round = 0; round < batches; round++) {
    const order = round % 2 ? [...kinds].reverse() : kinds;
    for (const kind of order) {
      const t0 = performance.now();
      await Promise.all(Array.from({ length: per }, () => call(kind, samples[kind], i++)));
      samples[kind].wall += performance.now() - t0;
    }
  }
  return samples;
}

/** Runs `call` for each item with at most `limit` at once. */
async function pool<T>(items: T[], limit: number, call: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await call(items[next++]);
    }),
  );
}

/** The resident memory of these processes together. */
const rssMiB = (...pids: (number | undefined)[]) =>
  pids.reduce<number>((sum, pid) => sum + rssOf(pid), 0);
const rssOf = (pid: number | undefined) => {
  if (pid === undefined || !fs.existsSync(`/proc/${pid}`)) return NaN;
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
};
const fileMiB = (file: string) =>
  ['', '-wal', '-shm'].reduce((sum, ext) => {
    try {
      return sum + fs.statSync(file + ext).size / 2 ** 20;
    } catch {
      return sum;
    }
  }, 0);

function machine(): string {
  const git = (...a: string[]) => execFileSync('git', a, { encoding: 'utf8' }).trim();
  const dirty = git('status', '--porcelain', '--untracked-files=no')
    ? ' plus uncommitted changes'
    : '';
  return [
    `- Code: commit ${git('rev-parse', '--short', 'HEAD')}${dirty}`,
    `- Machine: ${os.cpus()[0]?.model ?? 'unknown'}, ${os.cpus().length} cores, ` +
      `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}`,
    `- ${CLUSTER ? "Temporal's own server (all four services in one process, 4 history shards) on the PostgreSQL, mTLS" : 'Temporal dev server on a SQLite file'}, ` +
      'PostgreSQL, the API in the benchmark process, each worker in its own, payloads encrypted ' +
      'with the production codec, always-open working calendars',
    `- Parameters: --starts ${STARTS} --concurrency ${CONCURRENCY} --reads ${READS} --lists ${LISTS} ` +
      `--list-limit ${LIST_LIMIT} --open ${OPEN} --reminders ${REMINDERS} ` +
      `--worker-cache ${WORKER_CACHES.map((w) => w.setting).join(',')} ` +
      `--temporal ${args.temporal} --workers ${WORKER_COUNTS.join(',')}`,
  ].join('\n');
}

/** What only the end of a run knows. */
function ending(): string {
  const load = os.loadavg().map((l) => l.toFixed(2));
  return [
    '### At the end',
    '',
    `- Load average ${load.join(' / ')} (1 / 5 / 15 min)`,
    `- Actions answered 202 (records pending after 10 s): ${pending.n}`,
    `- Calls answered 503 and retried after its Retry-After: ${unavailable.n}`,
  ].join('\n');
}

// ---- the stack -------------------------------------------------------------------------------

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sss-load-'));
  fs.chmodSync(dir, 0o755);
  const storeFile = path.join(dir, 'temporal.sqlite');
  const [pgPort, temporalPort, uiPort, smtpPort, mailWebPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const starting = startPostgres({
    dataDir: path.join(dir, 'postgres'),
    port: pgPort,
    database: 'sss_load',
    logFile: path.join(dir, 'postgres.log'),
  });
  // What started is stopped again when any part fails to start (it was left running).
  const startedServices: Service[] = [];
  const kept = <T extends { service: Service } | { services: Service[] }>(starting: Promise<T>) =>
    starting.then((started) => {
      startedServices.push(...('services' in started ? started.services : [started.service]));
      return started;
    });
  const [pgStarted, temporalStarted, mailStarted] = await Promise.allSettled([
    kept(starting),
    kept(
      startE2eTemporal(CLUSTER, dir, starting, {
        port: temporalPort,
        uiPort,
        namespace: 'default',
        logFile: path.join(dir, 'temporal.log'),
        dbFile: storeFile,
      }),
    ),
    kept(startMailSink({ smtpPort, webPort: mailWebPort, logFile: path.join(dir, 'mail.log') })),
  ]);
  if (
    pgStarted.status === 'rejected' ||
    temporalStarted.status === 'rejected' ||
    mailStarted.status === 'rejected'
  ) {
    await Promise.allSettled(startedServices.map((service) => service.stop()));
    throw [pgStarted, temporalStarted, mailStarted].find((r) => r.status === 'rejected')!.reason;
  }
  const [pg, temporal, mail] = [pgStarted.value, temporalStarted.value, mailStarted.value];
  const stops: (() => Promise<void>)[] = [
    () => pg.service.stop(),
    ...temporal.services.map((service) => () => service.stop()),
    () => mail.service.stop(),
  ];
  // Interrupted, it still stops the servers it started.
  const interrupted = () => {
    void Promise.allSettled(stops.map((stop) => stop())).then(() => process.exit(130));
  };
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
  try {
    await runMigrations(pg.url);
    const issuer = await devIssuer(path.join(dir, 'issuer.jwk'));
    // The product's e2e configuration (test/e2e/product.ts) reads the services from here.
    Object.assign(process.env, {
      E2E_DIR: dir,
      E2E_APP_DATABASE_URL: pg.appUrl,
      E2E_TEMPORAL_ADDRESS: temporal.address,
      E2E_TEMPORAL_TLS: JSON.stringify(temporal.tls),
      E2E_PAYLOAD_KEYS: newDemoPayloadKeys(),
      E2E_ISSUER_KEY: path.join(dir, 'issuer.jwk'),
      E2E_AUTH_JWKS: issuer.jwks,
      E2E_TEMPORAL_UI_URL: temporal.uiUrl,
    });
    const taskQueue = `load-${randomUUID()}`;
    const product = await startProduct(
      taskQueue,
      { SMTP_URL: mail.smtpUrl, LOG_LEVEL: 'error' },
      { withWorker: false },
    );
    stops.unshift(() => product.stop());
    const bundle = path.join(dir, 'workflow-bundle.js');
    fs.writeFileSync(bundle, (await workflowBundle()).code);
    let workers: Service[] = [];
    let workersCache: string | undefined;
    const stopWorkers = () => Promise.all(workers.map((w) => w.stop())).then(() => undefined);
    stops.unshift(stopWorkers);
    // More workers of the same cache are added beside those running, as an operator scales out
    // (their cached runs stay); another cache, or fewer, restarts them all.
    const useWorkers = async (count: number, cache: string, restart = false) => {
      if (restart || cache !== workersCache || count < workers.length) {
        await stopWorkers();
        workers = [];
      }
      workersCache = cache;
      const added = await Promise.all(
        Array.from({ length: count - workers.length }, (_, i) =>
          startBenchWorker(`worker-${workers.length + i + 1}-cache-${cache}`, taskQueue, cache, {
            SMTP_URL: mail.smtpUrl,
            // Info, so that a worker that goes away says what it was doing (its log is in the run's folder).
            LOG_LEVEL: 'info',
            WORKFLOW_BUNDLE_PATH: bundle,
          }),
        ),
      );
      workers = [...workers, ...added];
    };
    await useWorkers(WORKER_COUNTS[0], WORKER_CACHES[0].cache);
    const db = new PgClient({ connectionString: pg.url });
    await db.connect();
    stops.unshift(() => db.end());
    const storeMiB = CLUSTER
      ? async () => {
          const { rows } = await db.query<{ bytes: string }>(
            `SELECT sum(pg_database_size(datname))::text AS bytes FROM pg_database
              WHERE datname IN ('temporal', 'temporal_visibility')`,
          );
          return Number(rows[0].bytes) / 2 ** 20;
        }
      : async () => fileMiB(storeFile);
    report(`## Load benchmark (${new Date().toISOString().slice(0, 10)})\n\n${machine()}`);
    await run({
      http: httpClient(product.baseUrl),
      token: await renewedToken(),
      client: product.api.get(CaseClients).for(KAMAKURA),
      taskQueue,
      db,
      storeMiB,
      serverPids: temporal.services.map((service) => service.process.pid),
      workerPids: () => workers.map((w) => w.process.pid),
      useWorkers,
    });
    report(ending());
  } finally {
    for (const stop of stops) await stop().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface Stack {
  http: ReturnType<typeof httpClient>;
  token: Token;
  client: Client;
  taskQueue: string;
  db: PgClient;
  /** The size of Temporal's store: its SQLite file, or its two PostgreSQL databases. */
  storeMiB(): Promise<number>;
  /** Temporal's processes (with the cluster, its server and its Web UI server). */
  serverPids: (number | undefined)[];
  /** The running workers' processes. */
  workerPids(): (number | undefined)[];
  /** This many workers with this cache setting: added to those running, or all restarted. */
  useWorkers(count: number, cache: string, restart?: boolean): Promise<void>;
}

/** The worker as its own process, with this cache setting (WORKER_CACHED_WORKFLOWS), once it polls. */
async function startBenchWorker(
  name: string,
  taskQueue: string,
  cache: string,
  env: Record<string, string>,
): Promise<Service> {
  const port = await freePort();
  const worker = startWorkerProcess(name, taskQueue, {
    ...env,
    HEALTH_ADDRESS: `127.0.0.1:${port}`,
    ...(cache === 'default' ? {} : { WORKER_CACHED_WORKFLOWS: cache }),
  });
  const ready = async () => {
    const res = await fetch(`http://127.0.0.1:${port}/health/ready`);
    if (!res.ok) throw new Error(`readiness ${res.status}`);
  };
  await waitForService(worker, ready, path.join(process.env.E2E_DIR ?? '', `${name}.log`), 120_000);
  // Its memory every half minute, and how it ended if it ends before the benchmark stops it.
  const pid = worker.process.pid;
  const sampling = setInterval(
    () => log(`${name}: ${rssMiB(pid).toFixed(0)} MiB resident`),
    30_000,
  );
  sampling.unref();
  worker.process.once('exit', (code, signal) => {
    clearInterval(sampling);
    log(`${name} exited (code ${code}, signal ${signal})`);
  });
  return worker;
}

/** The coordinator's bearer token, signed again before the API's ten-minute limit on tokens. */
type Token = { toString(): string };
async function renewedToken(): Promise<Token> {
  let current = await tokenFor(USERS.coordinator, '10m');
  const timer = setInterval(() => {
    void tokenFor(USERS.coordinator, '10m').then((t) => (current = t));
  }, 300_000);
  timer.unref();
  return { toString: () => current };
}

// ---- the phases ------------------------------------------------------------------------------

const START_KINDS = ['API POST /v1/cases', 'raw update-with-start', 'raw bare start'] as const;

async function run(stack: Stack): Promise<void> {
  const { http, token, client } = stack;
  const registry = releasedDefinitions();
  const calendars = parseWorkingCalendarSettings(ALWAYS_OPEN_CALENDARS);
  /** The start the API makes for a referral (CasesService.refer), for the raw kinds. */
  const startOptions = (id: string) => ({
    workflowId: caseWorkflowId(id),
    taskQueue: stack.taskQueue,
    args: [
      {
        variables: { referral: referral(id) } as unknown as Variables,
        ...registry.pinByHash(processFor(KAMAKURA, 'collaboration')!),
        calendar: calendarFor(KAMAKURA, calendars),
      },
    ] as Parameters<typeof processWorkflow>,
    typedSearchAttributes: new TypedSearchAttributes([
      { key: MunicipalityAttribute, value: KAMAKURA },
      { key: CaseProgrammeAttribute, value: 'collaboration' },
    ]),
  });
  const referral = (id: string) => ({
    caseId: id,
    municipality: KAMAKURA,
    programme: 'collaboration',
    fields: ['elderly'],
    issueTags: [],
    referringAgency: 'houkatsu-kamakura',
    householdName: '稲村 世帯',
    members: [],
    supportMeetingAgencies: ['houkatsu-kamakura'],
    assignedCoordinator: USERS.coordinator.id,
    processDefinition: registry.pin(processFor(KAMAKURA, 'collaboration')!).root,
    referredBy: USERS.coordinator.id,
  });
  /** A call retried as a client would while it is answered 503 (nothing taken), a minute at most. */
  const retried = async (call: () => Promise<Reply>) => {
    for (let attempt = 1; ; attempt++) {
      const res = await call();
      if (res.status !== 503 || attempt > 12) return res;
      unavailable.n++;
      await sleep(RETRY_AFTER_SECONDS * 1000);
    }
  };
  /** Refers a case; true when it was taken with its records pending. */
  const refer = async (id: string): Promise<boolean> => {
    const res = await retried(() => http.post('/v1/cases', referralBody(id), String(token)));
    // 202: taken, its records still pending after ACTION_WAIT_SECONDS (counted apart).
    if (res.status === 202) pending.n++;
    else if (res.status !== 201)
      throw new Error(`referral: ${res.status} ${JSON.stringify(res.body)}`);
    return res.status === 202;
  };
  const act = async (id: string, step: string, body: object) => {
    const res = await retried(() => http.post(`/v1/cases/${id}/${step}`, body, String(token)));
    if (res.status === 202) pending.n++;
    else if (res.status !== 200)
      throw new Error(`${step}: ${res.status} ${JSON.stringify(res.body)}`);
  };

  // Warm-up: the first calls compile and connect; not counted.
  for (let i = 0; i < 3; i++) await refer(randomUUID());

  log(`starts: ${STARTS} of each kind, ${CONCURRENCY} at once`);
  const viaApi: string[] = [];
  const viaRaw: { id: string; taskId: string }[] = [];
  const starts = await interleaved(
    START_KINDS,
    Math.ceil(STARTS / CONCURRENCY),
    CONCURRENCY,
    async (kind, sample) => {
      const id = randomUUID();
      if (kind === 'API POST /v1/cases') {
        await sample.time(() => refer(id));
        viaApi.push(id);
      } else if (kind === 'raw update-with-start') {
        const view = await sample.time(() =>
          client.workflow.executeUpdateWithStart(settledUpdate, {
            startWorkflowOperation: new WithStartWorkflowOperation<typeof processWorkflow>(
              'processWorkflow',
              {
                ...startOptions(id),
                workflowIdConflictPolicy: 'USE_EXISTING',
                workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
              },
            ),
          }),
        );
        viaRaw.push({ id, taskId: (view as ProcessView).openTasks[0].id });
      } else {
        await sample.time(() =>
          client.workflow.start<typeof processWorkflow>('processWorkflow', startOptions(id)),
        );
      }
    },
  );
  report(
    table(
      `Starts: ${starts[START_KINDS[0]].latencies.length} of each kind, ${CONCURRENCY} at once, interleaved`,
      START_KINDS,
      starts,
      true,
    ),
  );

  const STEP_KINDS = ['API POST /v1/cases/{id}/consent', 'raw completeTask update'] as const;
  const stepCount = Math.min(viaApi.length, viaRaw.length);
  log(`steps: ${stepCount} of each kind`);
  let apiStep = 0;
  let rawStep = 0;
  const steps = await interleaved(
    STEP_KINDS,
    Math.floor(stepCount / CONCURRENCY),
    CONCURRENCY,
    async (kind, sample) => {
      if (kind === STEP_KINDS[0]) {
        const id = viaApi[apiStep++];
        await sample.time(() => act(id, 'consent', { status: 'given' }));
      } else {
        const { id, taskId } = viaRaw[rawStep++];
        await sample.time(() =>
          client.workflow.getHandle(caseWorkflowId(id)).executeUpdate(completeTaskUpdate, {
            args: [{ taskId, data: { consent: 'given' }, by: USERS.coordinator.id }],
          }),
        );
      }
    },
  );
  report(table(`A step (consent given), ${CONCURRENCY} at once, interleaved`, STEP_KINDS, steps));

  const READ_KINDS = ['API GET /v1/cases/{id}', 'raw describe + process-view query'] as const;
  log(`reads: ${READS} of each kind`);
  const readable = [...viaApi, ...viaRaw.map((c) => c.id)];
  const reads = await interleaved(
    READ_KINDS,
    Math.ceil(READS / CONCURRENCY),
    CONCURRENCY,
    async (kind, sample, i) => {
      const id = readable[i % readable.length];
      if (kind === READ_KINDS[0]) {
        await sample.time(async () => {
          const res = await http.get(`/v1/cases/${id}`, String(token));
          if (res.status !== 200) throw new Error(`read: ${res.status}`);
        });
      } else {
        const handle = client.workflow.getHandle(caseWorkflowId(id));
        await sample.time(async () => {
          await handle.describe();
          await handle.query(processViewQuery);
        });
      }
    },
  );
  report(table(`Reads of one case, ${CONCURRENCY} at once, interleaved`, READ_KINDS, reads));

  const listed = async () => {
    const LIST_KINDS = [
      `API GET /v1/cases?limit=${LIST_LIMIT}`,
      `raw list, page size ${LIST_LIMIT}`,
      'raw list, server default page size',
    ] as const;
    const visibility = `Municipality = '${KAMAKURA}'`;
    const firstRows = async (pageSize?: number) => {
      let n = 0;
      for await (const _ of client.workflow.list({ query: visibility, pageSize }))
        if (++n >= LIST_LIMIT) break;
    };
    const lists = await interleaved(LIST_KINDS, LISTS, 1, async (kind, sample) => {
      if (kind === LIST_KINDS[0]) {
        await sample.time(async () => {
          const res = await http.get(`/v1/cases?limit=${LIST_LIMIT}`, String(token));
          if (res.status !== 200) throw new Error(`list: ${res.status}`);
        });
      } else await sample.time(() => firstRows(kind === LIST_KINDS[1] ? LIST_LIMIT : undefined));
    });
    return table(
      `Lists of the first ${LIST_LIMIT} cases of ${await openCases(client)} open, one at a time, interleaved`,
      LIST_KINDS,
      lists,
    );
  };
  log(`lists: ${LISTS} of each kind`);
  report(await listed());

  if (OPEN > 0) {
    log(`scale: ${OPEN} more open cases`);
    const before = {
      store: await stack.storeMiB(),
      self: rssMiB(process.pid),
      worker: rssMiB(...stack.workerPids()),
      server: rssMiB(...stack.serverPids),
      cases: await openCases(client),
    };
    const t0 = performance.now();
    const ids = Array.from({ length: OPEN }, () => randomUUID());
    await pool(ids, 16, async (id) => {
      await client.workflow.start<typeof processWorkflow>('processWorkflow', startOptions(id));
    });
    const startedIn = performance.now() - t0;
    // Each case's first workflow task writes its record: the row count says the backlog is done.
    const last = ids.at(-1)!;
    while ((await stack.db.query('SELECT 1 FROM cases WHERE id = $1', [last])).rowCount === 0)
      await sleep(500);
    const settledIn = performance.now() - t0;
    await sleep(3000);
    const after = {
      store: await stack.storeMiB(),
      self: rssMiB(process.pid),
      worker: rssMiB(...stack.workerPids()),
      server: rssMiB(...stack.serverPids),
      cases: await openCases(client),
    };
    const sample = await Promise.all(
      ids.slice(0, 20).map((id) => client.workflow.getHandle(caseWorkflowId(id)).fetchHistory()),
    );
    const events = sample.reduce((n, h) => n + (h.events?.length ?? 0), 0) / sample.length;
    const bytes =
      sample.reduce((n, h) => n + temporal.api.history.v1.History.encode(h).finish().length, 0) /
      sample.length;
    const per = (x: number, y: number) => (((x - y) * 1024) / OPEN).toFixed(1);
    report(
      [
        `### Scale: ${OPEN} more open cases (${before.cases} → ${after.cases}), bare starts, 16 at once`,
        '',
        '|  | value |',
        '| --- | --: |',
        `| start rate (cases/s) | ${((OPEN * 1000) / startedIn).toFixed(1)} |`,
        `| until every case's first task wrote its record (s) | ${(settledIn / 1000).toFixed(1)} |`,
        `| history events per new case | ${events.toFixed(1)} |`,
        `| history per new case, encoded (KiB) | ${(bytes / 1024).toFixed(1)} |`,
        `| Temporal store (${STORE}) per case (KiB) | ${per(after.store, before.store)} |`,
        `| Temporal server memory per case (KiB) | ${per(after.server, before.server)} |`,
        `| worker memory per case (KiB, ${WORKER_COUNTS[0]} process${WORKER_COUNTS[0] > 1 ? 'es' : ''}) | ${per(after.worker, before.worker)} |`,
        `| API process memory per case (KiB) | ${per(after.self, before.self)} |`,
        `| Temporal store total (MiB) | ${after.store.toFixed(0)} |`,
      ].join('\n'),
    );
    log('lists again, among the open cases');
    report(await listed());
  }

  const settings = WORKER_COUNTS.flatMap((workers) =>
    WORKER_CACHES.map((w) => ({ ...w, workers })),
  );
  for (const [i, setting] of (REMINDERS > 0 ? settings : []).entries()) {
    // A cache setting after another restarts the workers; a larger count adds workers.
    const restart = i > 0 && settings[i - 1].workers === setting.workers;
    if (i > 0) await stack.useWorkers(setting.workers, setting.cache, restart);
    report(await reminders(stack, refer, act, setting));
  }
}

/** Open cases of the municipality, as Temporal's visibility counts them. */
async function openCases(client: Client): Promise<number> {
  const { count: n } = await client.workflow.count(
    `Municipality = '${KAMAKURA}' AND ExecutionStatus = 'Running'`,
  );
  return n;
}

function referralBody(id: string) {
  return {
    id,
    municipality: KAMAKURA,
    programme: 'collaboration',
    fields: ['elderly'],
    referringAgency: 'houkatsu-kamakura',
    householdName: '稲村 世帯',
  };
}

/**
 * N cases into monitoring whose monitorings fall due together: the plan's monitoring interval
 * is chosen, case by case, as the time left until a common moment, which lies past the time the
 * remaining steps are expected to take. Then the lag of each overdue notice.
 */
async function reminders(
  stack: Stack,
  refer: (id: string) => Promise<boolean>,
  act: (id: string, step: string, body: object) => Promise<void>,
  { setting, cache, cold, workers }: (typeof WORKER_CACHES)[number] & { workers: number },
): Promise<string> {
  const agency = 'houkatsu-kamakura';
  // Every recipient of the monitoring's notice gets mail too: the lag to the mail is measured.
  for (const [kind, recipient] of [
    ['agency', agency],
    ['person', USERS.coordinator.id],
    ['role', 'coordinator'],
  ]) {
    await stack.db.query(
      `INSERT INTO notification_addresses (municipality, recipient_kind, recipient, channel, address, updated_by)
       VALUES ($1, $2, $3, 'email', $4, 'bench') ON CONFLICT DO NOTHING`,
      [KAMAKURA, kind, recipient, `${recipient}@example.test`],
    );
  }
  const ids = Array.from({ length: REMINDERS }, () => randomUUID());
  log(`reminders (${workers} worker(s), cache ${setting}): ${REMINDERS} cases to the plan`);
  const t0 = performance.now();
  await pool(ids, CONCURRENCY * 2, async (id) => {
    // A referral taken with its records pending reads once they are written, as a client waits.
    if (await refer(id)) {
      while ((await stack.http.get(`/v1/cases/${id}`, String(stack.token))).status !== 200)
        await sleep(500);
    }
    await act(id, 'consent', { status: 'given' });
    await act(id, 'assessment', { summary: 's' });
  });
  // The rest is four steps and a meeting a second away: estimated from the first three steps,
  // with room, since they slow down as the worker holds more (2.5 times was late at 11,000).
  const perCase = (performance.now() - t0) / REMINDERS;
  const restart = cold ? 30_000 : 0;
  const dueAt = Date.now() + Math.max(20_000, 3.5 * perCase * REMINDERS + 15_000) + restart;
  log(`reminders: the rest, all due at ${new Date(dueAt).toISOString()}`);
  await pool(ids, CONCURRENCY * 2, async (id) => {
    const seconds = Math.round((dueAt - Date.now()) / 1000);
    await act(id, 'plan', {
      goals: 'g',
      agencies: [agency],
      monitoringInterval: `PT${seconds}S`,
      contactInterval: 'P2M',
    });
    await waitFor(stack, id, 'schedule');
    await act(id, 'meeting/schedule', {
      scheduledAt: new Date(Date.now() + 1000).toISOString(),
      attendees: [agency],
    });
    await waitFor(stack, id, 'recordOutcome');
    await act(id, 'meeting/outcome', { outcome: 'agreed', approvedPlanVersion: 1 });
    await waitFor(stack, id, 'planConsent');
    await act(id, 'plan-consent', { agreed: true });
  });
  if (cold) {
    log('reminders: the worker restarts, so that no due case is cached');
    await stack.useWorkers(workers, cache, true);
  }
  const late = Date.now() > dueAt;
  const open = await openCases(stack.client);
  log(`reminders: staged (${late ? 'late: some were due before staging ended' : 'in time'})`);
  const wanted = `SELECT n.case_id, n.due_at, n.created_at, d.sent_at
       FROM notifications n LEFT JOIN deliveries d ON d.notification_id = n.id AND d.channel = 'email'
      WHERE n.element_id = 'monitor' AND n.kind = 'overdue' AND n.case_id = ANY($1)`;
  type Row = { case_id: string; due_at: Date; created_at: Date; sent_at: Date | null };
  // Ten minutes past the due moment, not past the staging: with room to spare, staging may end
  // long before it (the target run on the cluster gave up seven minutes before its due time).
  const deadline = Math.max(Date.now(), dueAt) + 600_000;
  let rows: Row[] = [];
  for (;;) {
    rows = (await stack.db.query<Row>(wanted, [ids])).rows;
    const cases = new Set(rows.map((r) => r.case_id));
    const mailed = rows.every((r) => r.sent_at);
    if ((cases.size >= REMINDERS && mailed) || Date.now() > deadline) break;
    await sleep(1000);
  }
  // One inbox row per recipient; a case's lag is that of its first row and its last mail.
  const byCase = new Map<string, { due: number; row: number; mail?: number }>();
  for (const r of rows) {
    const c = byCase.get(r.case_id) ?? { due: r.due_at.getTime(), row: Infinity };
    c.row = Math.min(c.row, r.created_at.getTime());
    if (r.sent_at) c.mail = Math.max(c.mail ?? 0, r.sent_at.getTime());
    byCase.set(r.case_id, c);
  }
  const cases = [...byCase.values()];
  const dues = cases.map((c) => c.due);
  const rowLag = cases.map((c) => (c.row - c.due) / 1000);
  const mailLag = cases.flatMap((c) => (c.mail ? [(c.mail - c.due) / 1000] : []));
  const s = (xs: number[], q: number) => quantile(xs, q).toFixed(2);
  return [
    `### Reminders: ${REMINDERS} monitorings due together among ${open} open cases, ${workers} worker process${workers > 1 ? 'es' : ''}, worker cache ${cache === 'default' ? "the worker's default" : cache}${cold ? ', none of them cached (worker restarted before they fell due)' : ''}`,
    '',
    `Due times spread over ${((Math.max(...dues) - Math.min(...dues)) / 1000).toFixed(1)} s; ` +
      `${cases.length} of ${REMINDERS} cases got their overdue notice, ${mailLag.length} its mail` +
      `${late ? '; staging ended after the first were due' : ''}.`,
    '',
    '| lag from the due time (s) | p50 | p90 | p99 | max |',
    '| --- | --: | --: | --: | --: |',
    `| to the inbox row | ${s(rowLag, 0.5)} | ${s(rowLag, 0.9)} | ${s(rowLag, 0.99)} | ${s(rowLag, 1)} |`,
    `| to the mail accepted (SMTP) | ${s(mailLag, 0.5)} | ${s(mailLag, 0.9)} | ${s(mailLag, 0.99)} | ${s(mailLag, 1)} |`,
  ].join('\n');
}

/** Waits until the task is open in the case or its meeting, as the API's view shows it. */
async function waitFor(stack: Stack, id: string, task: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const res = await stack.http.get(`/v1/cases/${id}`, String(stack.token));
    if (res.body.workflow?.openTasks?.some((t: { elementId: string }) => t.elementId === task))
      return;
    await sleep(200);
  }
  throw new Error(`${task} never opened in ${id}`);
}

function table<K extends string>(
  title: string,
  kinds: readonly K[],
  samples: Record<K, Sample>,
  throughput = false,
): string {
  const [base] = kinds;
  const lines = [
    `### ${title}`,
    '',
    `| | p50 (ms) | p99 (ms) |${throughput ? ' per second |' : ''} first / this, p50 | first / this, p99 |`,
    `| --- | --: | --: |${throughput ? ' --: |' : ''} --: | --: |`,
  ];
  for (const k of kinds) {
    const x = samples[k];
    lines.push(
      `| ${k} | ${ms(x.p50)} | ${ms(x.p99)} |${throughput ? ` ${x.perSecond.toFixed(1)} |` : ''} ` +
        `${ratio(samples[base].p50, x.p50)} | ${ratio(samples[base].p99, x.p99)} |`,
    );
  }
  return lines.join('\n');
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
