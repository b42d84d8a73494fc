import './register-paths';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runMigrations } from '@sss/persistence';
import type { Service } from '../../tools/dev/child-process';
import { devIssuer } from '../../tools/dev/dev-issuer';
import { newDemoPayloadKeys } from '../../tools/dev/payload-keys';
import { startPostgres } from '../../tools/dev/postgres';
import { startE2eTemporal } from './cluster-setup';
import { freePort } from './free-port';

/**
 * Starts a throw-away PostgreSQL and an in-memory Temporal dev server for the end-to-end suite and
 * hands their addresses to the tests through the environment. With E2E_TEMPORAL=cluster, Temporal
 * is the production shape on that PostgreSQL instead (cluster-setup.ts).
 */
export default async function globalSetup(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sss-e2e-'));
  fs.chmodSync(dir, 0o755);
  const [pgPort, temporalPort, uiPort] = [await freePort(), await freePort(), await freePort()];
  const starting = startPostgres({
    dataDir: path.join(dir, 'postgres'),
    port: pgPort,
    database: 'sss_e2e',
    logFile: path.join(dir, 'postgres.log'),
  });
  const [pg, temporal] = await Promise.all([
    starting,
    startE2eTemporal(process.env.E2E_TEMPORAL === 'cluster', dir, starting, {
      port: temporalPort,
      uiPort,
      namespace: 'default',
      logFile: path.join(dir, 'temporal.log'),
      // The Web UI is on: a browser test reads payloads through it.
    }),
  ]);
  await runMigrations(pg.url);
  const issuer = await devIssuer(path.join(dir, 'issuer.jwk'));
  (globalThis as { e2eServices?: Service[] }).e2eServices = [...temporal.services, pg.service];
  Object.assign(process.env, {
    E2E_DIR: dir,
    // The owner's: tests inspect and arrange rows with it. The product connects as E2E_APP_….
    E2E_DATABASE_URL: pg.url,
    E2E_APP_DATABASE_URL: pg.appUrl,
    E2E_TEMPORAL_ADDRESS: temporal.address,
    E2E_TEMPORAL_UI_URL: temporal.uiUrl,
    // The product's own TLS settings for the cluster's mTLS frontend; `{}` for the dev server.
    E2E_TEMPORAL_TLS: JSON.stringify(temporal.tls),
    E2E_PAYLOAD_KEYS: newDemoPayloadKeys(),
    E2E_ISSUER_KEY: path.join(dir, 'issuer.jwk'),
    E2E_AUTH_JWKS: issuer.jwks,
  });
}
