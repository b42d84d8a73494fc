import http from 'node:http';
import type { Registry } from 'prom-client';

/**
 * Serves `GET /metrics` of a registry on its own listener (METRICS_ADDRESS), apart from the
 * public API, so that an ingress never exposes it. Resolves once listening.
 */
export async function startMetricsServer(
  address: string,
  registry: Registry,
): Promise<http.Server> {
  const [host, port] = address.split(':');
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    registry
      .metrics()
      .then((body) => res.writeHead(200, { 'content-type': registry.contentType }).end(body))
      .catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(port), host, resolve);
  });
  return server;
}
