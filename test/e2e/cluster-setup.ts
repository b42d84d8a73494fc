import path from 'node:path';
import { clientTlsSettings, clusterCertificates } from '../../tools/dev/cluster/certificates';
import { startTemporalCluster } from '../../tools/dev/cluster/temporal-cluster';
import type { Service } from '../../tools/dev/child-process';
import { startTemporalDevServer, TemporalDevServerOptions } from '../../tools/dev/temporal';
import { freeLowPorts } from './free-port';

/**
 * E2E_TEMPORAL=cluster: Temporal's own server on the suite's PostgreSQL, mTLS with a CA made for
 * this run, and its Web UI server, all on free ports. The codec endpoint is left to each test (the
 * products run on ports of their own), as a manager would enter it in the UI.
 */
export async function startE2eCluster(dir: string, postgresAdminUrl: string) {
  const [frontend, frontendHttp, history, matching, worker, m1, m2, m3, m4, metrics, ui] =
    await freeLowPorts(11);
  const certificates = clusterCertificates(path.join(dir, 'tls'));
  const cluster = await startTemporalCluster({
    postgresAdminUrl,
    dir: path.join(dir, 'temporal'),
    logDir: dir,
    certificates,
    namespace: 'default',
    ports: {
      frontend,
      frontendHttp,
      history,
      matching,
      worker,
      membership: [m1, m2, m3, m4],
      metrics,
      ui,
    },
  });
  return { ...cluster, tls: clientTlsSettings(certificates) };
}

/** A suite's Temporal, and the product's TLS settings for it (`{}` for the dev server). */
export interface E2eTemporal {
  address: string;
  uiUrl: string;
  services: Service[];
  tls: Record<string, string>;
}

/**
 * Temporal's own server on the suite's PostgreSQL once it runs (`cluster`, startE2eCluster), or
 * the dev server with these options.
 */
export async function startE2eTemporal(
  cluster: boolean,
  dir: string,
  postgres: Promise<{ url: string }>,
  dev: TemporalDevServerOptions,
): Promise<E2eTemporal> {
  if (cluster) return startE2eCluster(dir, (await postgres).url);
  const server = await startTemporalDevServer(dev);
  return { ...server, services: [server.service], tls: {} };
}
