import http from 'node:http';

/**
 * The worker's probes on HEALTH_ADDRESS: `/health/live` while the process runs, `/health/ready`
 * while its Temporal worker polls (RUNNING); draining or stopped answers 503, so a rollout waits
 * for the new worker to poll before it stops the old one.
 */
export async function startWorkerHealth(
  address: string,
  state: () => string | undefined,
): Promise<http.Server> {
  const [host, port] = address.split(':');
  const server = http.createServer((req, res) => {
    const send = (status: number, body: object) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.url === '/health/live') return send(200, { status: 'ok' });
    if (req.url === '/health/ready') {
      const worker = state() ?? 'INITIALIZED';
      return send(worker === 'RUNNING' ? 200 : 503, {
        status: worker === 'RUNNING' ? 'ok' : 'error',
        worker,
      });
    }
    send(404, { status: 'not found' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(port), host, resolve);
  });
  return server;
}
