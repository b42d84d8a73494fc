import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { Client } from 'pg';
import {
  registerNamespace,
  registerSearchAttributes,
} from '@sss/temporal/search-attribute-registration';
import { Service, startService, waitFor } from '../child-process';
import { CLUSTER_BIN, ensureClusterBinaries } from './binaries';
import { ClusterCertificates, TEMPORAL_SERVER_NAME } from './certificates';

/** The ports of one Temporal server process running all four services, and its metrics. */
export interface ClusterPorts {
  frontend: number;
  frontendHttp: number;
  history: number;
  matching: number;
  worker: number;
  /** Membership (ringpop) ports, one per service. */
  membership: [number, number, number, number];
  metrics: number;
  ui: number;
}

export interface TemporalClusterOptions {
  /** A superuser's URL of the PostgreSQL server that gets Temporal's two databases. */
  postgresAdminUrl: string;
  dir: string;
  ports: ClusterPorts;
  certificates: ClusterCertificates;
  namespace: string;
  /** The Web UI's codec endpoint; the browser sends the manager's codec session cookie to it. */
  codecEndpoint?: string;
  logDir: string;
}

export interface TemporalCluster {
  address: string;
  uiUrl: string;
  metricsUrl: string;
  services: Service[];
}

const DB_USER = 'temporal';
const DATABASES = { temporal: 'temporal', visibility: 'temporal_visibility' } as const;

/**
 * Temporal's own server on PostgreSQL with SQL visibility, behind mTLS with the local CA, and
 * its Web UI server: the production shape on one machine. Databases and schemas are made and
 * upgraded by Temporal's SQL tool on every start (a no-op when current).
 */
export async function startTemporalCluster(
  options: TemporalClusterOptions,
): Promise<TemporalCluster> {
  ensureClusterBinaries();
  fs.mkdirSync(options.dir, { recursive: true });
  const pg = new URL(options.postgresAdminUrl);
  await createDatabases(options.postgresAdminUrl);
  for (const [db, schema] of [
    [DATABASES.temporal, 'postgresql/v12/temporal'],
    [DATABASES.visibility, 'postgresql/v12/visibility'],
  ] as const) {
    const sql = (...args: string[]) =>
      execFileSync(
        CLUSTER_BIN.sqlTool,
        [
          '--plugin',
          'postgres12',
          '--ep',
          pg.hostname,
          '-p',
          pg.port,
          '-u',
          DB_USER,
          '--db',
          db,
          ...args,
        ],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
    if (!(await hasSchemaVersion(options.postgresAdminUrl, db))) sql('setup-schema', '-v', '0.0');
    sql('update-schema', '--schema-name', schema);
  }

  const configFile = path.join(options.dir, 'temporal.yaml');
  const dynamicConfig = path.join(options.dir, 'dynamicconfig.yaml');
  fs.writeFileSync(configFile, serverConfig(options, pg, dynamicConfig));
  fs.writeFileSync(dynamicConfig, DYNAMIC_CONFIG);
  const serverLog = path.join(options.logDir, 'temporal-server.log');
  const server = startService(
    'temporal-server',
    CLUSTER_BIN.server,
    ['--config-file', configFile, '--allow-no-auth', 'start'],
    serverLog,
  );
  const address = `127.0.0.1:${options.ports.frontend}`;
  const connect = () =>
    Connection.connect({
      address,
      connectTimeout: 2000,
      tls: {
        serverNameOverride: TEMPORAL_SERVER_NAME,
        serverRootCACertificate: fs.readFileSync(options.certificates.ca),
        clientCertPair: {
          crt: fs.readFileSync(options.certificates.client.cert),
          key: fs.readFileSync(options.certificates.client.key),
        },
      },
    });
  await waitFor(
    server,
    async () => {
      const connection = await connect();
      try {
        await connection.workflowService.getSystemInfo({});
      } finally {
        await connection.close();
      }
    },
    serverLog,
    120_000,
  );
  const connection = await connect();
  try {
    await registerNamespace(connection, options.namespace);
    // The frontend's namespace cache learns of a new namespace within seconds: wait for it.
    await waitFor(
      server,
      () =>
        connection.workflowService.listWorkflowExecutions({
          namespace: options.namespace,
          pageSize: 1,
        }),
      serverLog,
    );
    await registerSearchAttributes(connection, options.namespace);
  } finally {
    await connection.close();
  }

  const uiDir = path.join(options.dir, 'ui/config');
  fs.mkdirSync(uiDir, { recursive: true });
  fs.writeFileSync(path.join(uiDir, 'cluster.yaml'), uiConfig(options, address));
  const uiLog = path.join(options.logDir, 'temporal-ui.log');
  const ui = startService(
    'temporal-ui',
    CLUSTER_BIN.uiServer,
    ['--root', path.join(options.dir, 'ui'), '--config', 'config', '--env', 'cluster', 'start'],
    uiLog,
  );
  const uiUrl = `http://127.0.0.1:${options.ports.ui}`;
  await waitFor(
    ui,
    async () => {
      const res = await fetch(`${uiUrl}/api/v1/settings`);
      if (!res.ok) throw new Error(`UI settings ${res.status}`);
    },
    uiLog,
  );
  return {
    address,
    uiUrl,
    metricsUrl: `http://127.0.0.1:${options.ports.metrics}/metrics`,
    services: [ui, server],
  };
}

async function withPg<T>(url: string, use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** Temporal's role and its two databases, owned by it (the SQL tool then needs no superuser). */
async function createDatabases(adminUrl: string): Promise<void> {
  await withPg(adminUrl, async (client) => {
    const role = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [DB_USER]);
    if (role.rowCount === 0) await client.query(`CREATE ROLE ${DB_USER} LOGIN`);
    for (const db of Object.values(DATABASES)) {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [db]);
      if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${db} OWNER ${DB_USER}`);
    }
  });
}

async function hasSchemaVersion(adminUrl: string, db: string): Promise<boolean> {
  const url = new URL(adminUrl);
  url.pathname = `/${db}`;
  return withPg(url.toString(), async (client) => {
    const res = await client.query("SELECT to_regclass('public.schema_version') AS t");
    return res.rows[0].t !== null;
  });
}

/**
 * What the dev server turns on that our API uses (workflow updates), and search attributes
 * readable as soon as they are added (the stuck-case filters after a fresh set-up).
 */
const DYNAMIC_CONFIG = `frontend.enableUpdateWorkflowExecution:
  - value: true
frontend.enableUpdateWorkflowExecutionAsyncAccepted:
  - value: true
system.forceSearchAttributesCacheRefreshOnRead:
  - value: true
`;

function serverConfig(options: TemporalClusterOptions, pg: URL, dynamicConfig: string): string {
  const { ports, certificates: c } = options;
  const store = (db: string, conns: number) => `
      sql:
        pluginName: postgres12
        databaseName: ${db}
        connectAddr: "${pg.hostname}:${pg.port}"
        connectProtocol: tcp
        user: ${DB_USER}
        maxConns: ${conns}
        maxIdleConns: ${conns}
        maxConnLifetime: 1h`;
  const service = (grpc: number, membership: number, extra = '') => `
    rpc:
      grpcPort: ${grpc}
      membershipPort: ${membership}
      bindOnLocalHost: true${extra}`;
  const client = `
      client:
        serverName: ${TEMPORAL_SERVER_NAME}
        rootCaFiles: ["${c.ca}"]`;
  const server = `
      server:
        certFile: "${c.server.cert}"
        keyFile: "${c.server.key}"
        clientCaFiles: ["${c.ca}"]
        requireClientAuth: true`;
  return `# Written by tools/dev/cluster/temporal-cluster.ts on every start.
log:
  stdout: true
  level: warn
persistence:
  defaultStore: default
  visibilityStore: visibility
  numHistoryShards: 4
  datastores:
    default:${store(DATABASES.temporal, 20)}
    visibility:${store(DATABASES.visibility, 4)}
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: 127.0.0.1
  tls:
    internode:${server}${client}
    frontend:${server}${client}
    systemWorker:
      certFile: "${c.server.cert}"
      keyFile: "${c.server.key}"${client}
  metrics:
    prometheus:
      framework: tally
      timerType: histogram
      listenAddress: "127.0.0.1:${ports.metrics}"
services:
  frontend:${service(ports.frontend, ports.membership[0], `\n      httpPort: ${ports.frontendHttp}`)}
  history:${service(ports.history, ports.membership[1])}
  matching:${service(ports.matching, ports.membership[2])}
  worker:${service(ports.worker, ports.membership[3])}
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: active
  currentClusterName: active
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: frontend
      rpcAddress: "127.0.0.1:${ports.frontend}"
dcRedirectionPolicy:
  policy: noop
dynamicConfigClient:
  filepath: "${dynamicConfig}"
  pollInterval: 10s
`;
}

/** The Web UI server: mTLS to the frontend, our codec endpoint with the browser's credentials. */
function uiConfig(options: TemporalClusterOptions, address: string): string {
  const c = options.certificates;
  return `# Written by tools/dev/cluster/temporal-cluster.ts on every start.
temporalGrpcAddress: "${address}"
port: ${options.ports.ui}
enableUi: true
defaultNamespace: ${options.namespace}
disableNewsFetch: true
cors:
  # Plain HTTP on loopback: the CSRF cookie cannot be Secure.
  cookieInsecure: true
tls:
  caFile: "${c.ca}"
  certFile: "${c.client.cert}"
  keyFile: "${c.client.key}"
  serverName: ${TEMPORAL_SERVER_NAME}
  enableHostVerification: true
codec:
  endpoint: "${options.codecEndpoint ?? ''}"
  # The manager's codec session is an HttpOnly cookie of the API (apps/api/src/codec).
  includeCredentials: ${options.codecEndpoint ? 'true' : 'false'}
`;
}
