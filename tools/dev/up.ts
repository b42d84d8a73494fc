/**
 * `make up`: brings up the whole product on embedded defaults (PostgreSQL, the Temporal dev
 * server with its Web UI, a local SMTP sink, migrations, worker, API, demo data), prints the URLs
 * and keeps running until interrupted; then it stops everything it started. External Temporal,
 * PostgreSQL or SMTP are used instead when TEMPORAL_ADDRESS, DATABASE_URL or SMTP_URL is set.
 * TEMPORAL=cluster brings up the production shape instead of the dev server: Temporal's own server
 * on PostgreSQL and its Web UI server, mTLS, two workers and two APIs behind a balancer
 * (docs/deployment.md).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { STUCK_CASE_NAMES, stuckCaseFilter } from '@sss/domain';
import { runMigrations } from '@sss/persistence';
import { TemporalConnectionEnvironment, validateEnvironment } from '@sss/config';
import { temporalConnectionOptions } from '@sss/temporal';
import { registerSearchAttributes } from '@sss/temporal/search-attribute-registration';
import { Service, startService, waitFor } from './child-process';
import { seedDemoAddresses } from './demo-addresses';
import { ALWAYS_OPEN_CALENDARS } from './always-open-calendar';
import { DEMO_CASES, seedDemoCases } from './demo-cases';
import { DEMO_USERS } from './demo-users';
import { DEV_AUDIENCE, DEV_ISSUER, devIssuer } from './dev-issuer';
import { startDevSignIn } from './dev-sign-in';
import { DATA_DIR, REPO_ROOT } from './paths';
import { startMailSink } from './mail-sink';
import { newDemoPayloadKeys } from './payload-keys';
import { startPostgres } from './postgres';
import { startTemporalDevServer } from './temporal';
import { clientTlsSettings, clusterCertificates } from './cluster/certificates';
import { LoadBalancer, startLoadBalancer } from './cluster/load-balancer';
import { startTemporalCluster } from './cluster/temporal-cluster';

const PORTS = {
  api: 3000,
  signIn: 3001,
  postgres: 5433,
  temporal: 7233,
  temporalUi: 8233,
  smtp: 1025,
  mailUi: 1080,
};
const CLUSTER = process.env.TEMPORAL === 'cluster';
/** Cluster mode: the replicas behind the balancer on PORTS.api, and Temporal's own ports. */
const CLUSTER_PORTS = {
  apis: [3001, 3002],
  apiMetrics: [9471, 9472],
  workerMetrics: [9461, 9462],
  workerHealth: [8091, 8092],
  temporal: {
    frontend: PORTS.temporal,
    frontendHttp: 7243,
    history: 7234,
    matching: 7235,
    worker: 7239,
    membership: [6933, 6934, 6935, 6939] as [number, number, number, number],
    metrics: 9090,
    ui: PORTS.temporalUi,
  },
};
const UI_ORIGINS = [`http://127.0.0.1:${PORTS.temporalUi}`, `http://localhost:${PORTS.temporalUi}`];
const LOG_DIR = path.join(DATA_DIR, 'logs');
const started: Service[] = [];
let balancer: LoadBalancer | undefined;
let closeSignIn: (() => Promise<void>) | undefined;

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/**
 * Dev-only payload keys, one ring per demo municipality, made on first run and kept out of the
 * repository under .data/ (a file of its own: data made with the old single key needs `make clean`).
 */
function devPayloadKeys(): string {
  const file = path.join(DATA_DIR, 'payload-keys-by-municipality');
  if (!fs.existsSync(file)) fs.writeFileSync(file, newDemoPayloadKeys(), { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

/** A dev-only random secret kept in .data/ (never committed), the same on every start. */
function devSecret(name: string): string {
  const file = path.join(DATA_DIR, name);
  if (!fs.existsSync(file))
    fs.writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

async function stopAll(): Promise<void> {
  await balancer?.close();
  for (const service of started.reverse()) await service.stop();
  await closeSignIn?.();
}

async function main(): Promise<void> {
  fs.mkdirSync(LOG_DIR, { recursive: true });
  const external = {
    db: process.env.DATABASE_URL,
    temporal: process.env.TEMPORAL_ADDRESS,
    smtp: process.env.SMTP_URL,
  };
  const needed = [
    PORTS.api,
    PORTS.signIn,
    ...(external.db ? [] : [PORTS.postgres]),
    ...(external.temporal ? [] : [PORTS.temporal, PORTS.temporalUi]),
    ...(CLUSTER ? CLUSTER_PORTS.apis : []),
    ...(external.smtp ? [] : [PORTS.smtp, PORTS.mailUi]),
  ];
  for (const port of needed) {
    if (await portInUse(port)) {
      throw new Error(
        `port ${port} is in use: is \`make up\` already running? (make down stops it)`,
      );
    }
  }

  let databaseUrl = external.db;
  let migrationUrl = process.env.MIGRATION_DATABASE_URL;
  if (databaseUrl && !migrationUrl) {
    throw new Error('with DATABASE_URL set, set MIGRATION_DATABASE_URL (the schema owner) too');
  }
  if (!databaseUrl) {
    const pg = await startPostgres({
      dataDir: path.join(DATA_DIR, 'postgres'),
      port: PORTS.postgres,
      database: 'sss',
      logFile: path.join(LOG_DIR, 'postgres.log'),
    });
    started.push(pg.service);
    databaseUrl = pg.appUrl;
    migrationUrl = pg.url;
  }
  let temporalAddress = external.temporal;
  let temporalUi = process.env.TEMPORAL_UI_URL;
  let temporalTls: Record<string, string> = {};
  let temporalMetrics: string | undefined;
  if (CLUSTER) {
    if (external.temporal || external.db) {
      throw new Error(
        'TEMPORAL=cluster runs its own Temporal on the local PostgreSQL: unset TEMPORAL_ADDRESS and DATABASE_URL',
      );
    }
    const certificates = clusterCertificates(path.join(DATA_DIR, 'cluster/tls'));
    const cluster = await startTemporalCluster({
      postgresAdminUrl: migrationUrl ?? '',
      dir: path.join(DATA_DIR, 'cluster'),
      logDir: LOG_DIR,
      certificates,
      namespace: 'default',
      ports: CLUSTER_PORTS.temporal,
      codecEndpoint: `http://127.0.0.1:${PORTS.api}/v1/codec`,
    });
    started.push(...cluster.services.reverse());
    temporalAddress = cluster.address;
    temporalUi = cluster.uiUrl;
    temporalTls = clientTlsSettings(certificates);
    temporalMetrics = cluster.metricsUrl;
  } else if (!temporalAddress) {
    fs.mkdirSync(path.join(DATA_DIR, 'temporal'), { recursive: true });
    const temporal = await startTemporalDevServer({
      port: PORTS.temporal,
      uiPort: PORTS.temporalUi,
      namespace: 'default',
      codecEndpoint: `http://127.0.0.1:${PORTS.api}/v1/codec`,
      dbFile: path.join(DATA_DIR, 'temporal/temporal.db'),
      logFile: path.join(LOG_DIR, 'temporal.log'),
    });
    started.push(temporal.service);
    temporalAddress = temporal.address;
    temporalUi = temporal.uiUrl;
  } else {
    const connection = await Connection.connect(
      temporalConnectionOptions(validateEnvironment(TemporalConnectionEnvironment, process.env)),
    );
    const added = await registerSearchAttributes(
      connection,
      process.env.TEMPORAL_NAMESPACE ?? 'default',
    );
    await connection.close();
    if (added.length) say(`search attributes registered: ${added.join(', ')}`);
  }

  let smtpUrl = external.smtp;
  let mailUi: string | undefined;
  if (!smtpUrl) {
    fs.mkdirSync(path.join(DATA_DIR, 'mail'), { recursive: true });
    const sink = await startMailSink({
      smtpPort: PORTS.smtp,
      webPort: PORTS.mailUi,
      mailDirectory: path.join(DATA_DIR, 'mail'),
      logFile: path.join(LOG_DIR, 'maildev.log'),
    });
    started.push(sink.service);
    smtpUrl = sink.smtpUrl;
    mailUi = sink.webUrl;
  }

  const issuer = await devIssuer(path.join(DATA_DIR, 'auth/dev-issuer.jwk'));
  // The console signs in at the dev issuer's page (choose a demo user), as at a real provider.
  const signIn = await startDevSignIn({
    issuer,
    users: DEMO_USERS,
    redirectUris: [
      `http://127.0.0.1:${PORTS.api}/console/`,
      `http://localhost:${PORTS.api}/console/`,
    ],
    port: PORTS.signIn,
  });
  closeSignIn = signIn.close;
  const applied = await runMigrations(migrationUrl ?? '');
  say(applied.length ? `migrations applied: ${applied.join(', ')}` : 'migrations: up to date');

  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_NAMESPACE: process.env.TEMPORAL_NAMESPACE ?? 'default',
    TEMPORAL_TASK_QUEUE: process.env.TEMPORAL_TASK_QUEUE ?? 'cases',
    PAYLOAD_KEYS: process.env.PAYLOAD_KEYS ?? devPayloadKeys(),
    API_PORT: String(PORTS.api),
    SMTP_URL: smtpUrl,
    // The production path: the worker loads the bundle `make build` made, no webpack at start.
    WORKFLOW_BUNDLE_PATH: path.join(REPO_ROOT, 'dist/workflow-bundle.js'),
    AUTH_ISSUER: process.env.AUTH_ISSUER ?? DEV_ISSUER,
    AUTH_AUDIENCE: process.env.AUTH_AUDIENCE ?? DEV_AUDIENCE,
    ...(process.env.AUTH_JWKS_URL ? {} : { AUTH_JWKS: process.env.AUTH_JWKS ?? issuer.jwks }),
    CODEC_CORS_ORIGINS: process.env.CODEC_CORS_ORIGINS ?? UI_ORIGINS.join(','),
    WORKING_CALENDARS: process.env.WORKING_CALENDARS ?? ALWAYS_OPEN_CALENDARS,
    ...temporalTls,
    // The replicas share codec sessions: a manager signs in through one, the UI decodes via either.
    ...(CLUSTER
      ? {
          CODEC_SESSION_SECRET:
            process.env.CODEC_SESSION_SECRET ?? devSecret('codec-session-secret'),
        }
      : {}),
    CONSOLE_DIR: path.join(REPO_ROOT, 'dist/console'),
    CONSOLE_OIDC_AUTHORIZE_URL: process.env.CONSOLE_OIDC_AUTHORIZE_URL ?? signIn.authorizeUrl,
    CONSOLE_OIDC_TOKEN_URL: process.env.CONSOLE_OIDC_TOKEN_URL ?? signIn.tokenUrl,
    ...(temporalUi ? { CONSOLE_TEMPORAL_UI_URL: temporalUi } : {}),
  };
  const replicas = CLUSTER ? [0, 1] : [undefined];
  const startApp = (app: string, i: number | undefined, extra: Record<string, string>) => {
    const name = i === undefined ? app : `${app}-${i + 1}`;
    const main = path.join(REPO_ROOT, `dist/apps/${app}/apps/${app}/src/main.js`);
    const logFile = path.join(LOG_DIR, `${name}.log`);
    started.push(
      startService(name, process.execPath, [main], logFile, { env: { ...env, ...extra } }),
    );
  };
  for (const i of replicas) {
    startApp(
      'worker',
      i,
      i === undefined
        ? {}
        : {
            METRICS_ADDRESS: `127.0.0.1:${CLUSTER_PORTS.workerMetrics[i]}`,
            HEALTH_ADDRESS: `127.0.0.1:${CLUSTER_PORTS.workerHealth[i]}`,
          },
    );
  }
  for (const i of replicas) {
    startApp(
      'api',
      i,
      i === undefined
        ? {}
        : {
            API_PORT: String(CLUSTER_PORTS.apis[i]),
            METRICS_ADDRESS: `127.0.0.1:${CLUSTER_PORTS.apiMetrics[i]}`,
          },
    );
  }
  if (CLUSTER) balancer = await startLoadBalancer(PORTS.api, CLUSTER_PORTS.apis);
  const apiUrl = `http://127.0.0.1:${PORTS.api}`;
  await waitFor(
    started[started.length - 1],
    async () => {
      const res = await fetch(`${apiUrl}/health/ready`);
      if (!res.ok) throw new Error(`readiness ${res.status}`);
    },
    path.join(LOG_DIR, CLUSTER ? 'api-2.log' : 'api.log'),
    90_000,
  );

  await seedDemoAddresses(apiUrl, await issuer.sign(DEMO_USERS.manager, '5m'));
  await seedDemoCases(apiUrl, {
    coordinator: await issuer.sign(DEMO_USERS.coordinator, '5m'),
    agency_staff: await issuer.sign(DEMO_USERS.agency_staff, '5m'),
  });
  for (const demo of DEMO_CASES) say(`demo case    ${demo.referral.id}  ${demo.story}`);
  say('');
  say(`Console      ${apiUrl}/console/  (sign in as a demo user)`);
  say(`API          ${apiUrl}/v1/cases`);
  say(`OpenAPI      ${apiUrl}/docs  (JSON: ${apiUrl}/docs/json)`);
  say(`Health       ${apiUrl}/health/ready`);
  say(`Temporal UI  ${temporalUi ?? '(external Temporal: set TEMPORAL_UI_URL)'}`);
  say(
    `Temporal     ${temporalAddress}${CLUSTER ? '  (mTLS: certificates in .data/cluster/tls)' : ''}`,
  );
  if (CLUSTER) {
    say(
      `Replicas     API ${CLUSTER_PORTS.apis.map((p) => `http://127.0.0.1:${p}`).join(' ')} behind ${apiUrl}; 2 workers`,
    );
    say(
      `Metrics      API ${CLUSTER_PORTS.apiMetrics.map((p) => `http://127.0.0.1:${p}/metrics`).join(' ')}`,
    );
    say(
      `             workers ${CLUSTER_PORTS.workerMetrics.map((p) => `http://127.0.0.1:${p}/metrics`).join(' ')}`,
    );
    say(`             Temporal ${temporalMetrics}`);
    say(
      `Worker ready ${CLUSTER_PORTS.workerHealth.map((p) => `http://127.0.0.1:${p}/health/ready`).join(' ')}`,
    );
  }
  say(`PostgreSQL   ${databaseUrl}`);
  say(
    `Mail         ${mailUi ?? `(external SMTP: ${smtpUrl})`}  (notices e-mailed to the demo addresses)`,
  );
  say(
    `Calendar     ${env.WORKING_CALENDARS === ALWAYS_OPEN_CALENDARS ? 'always open (demo: notices at any hour; set WORKING_CALENDARS for office hours)' : 'WORKING_CALENDARS'}`,
  );
  say(`Logs         ${LOG_DIR}`);
  say(`Codec login  ${apiUrl}/v1/codec/login  (managers: lets the Temporal UI decrypt payloads)`);
  say('');
  say(
    'Stuck cases  paste a filter into the Temporal UI (Workflows → filter), or GET /v1/cases/stuck/<name>:',
  );
  for (const name of STUCK_CASE_NAMES) {
    say(`  ${name.padEnd(24)} ${stuckCaseFilter(name, Date.now())}`);
  }
  say('');
  say(`Tokens       make token ROLE=<${Object.keys(DEMO_USERS).join('|')}>`);
  say(
    `             curl -H "Authorization: Bearer $(make -s token ROLE=coordinator)" ${apiUrl}/v1/cases/${DEMO_CASES[0].referral.id}`,
  );
  say('');
  say('Running. Press Ctrl-C (or run `make down`) to stop everything.');
  fs.writeFileSync(path.join(DATA_DIR, 'up.pid'), String(process.pid));

  const firstExit = await Promise.race(
    started.map((s) => s.exited.then((code) => ({ name: s.name, code }))),
  );
  throw new Error(`${firstExit.name} exited (${firstExit.code}); see ${LOG_DIR}`);
}

let stopping = false;
async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await stopAll();
    fs.rmSync(path.join(DATA_DIR, 'up.pid'), { force: true });
  }
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
main().catch(async (error: unknown) => {
  if (stopping) return;
  process.stderr.write(
    `make up failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  await shutdown(1);
});
