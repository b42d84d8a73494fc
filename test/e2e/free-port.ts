import net from 'node:net';

/** A port nothing listens on right now, so test services never clash with `make up`. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * `count` distinct free ports below 32768, all held open until each is known (so none repeats).
 * Temporal keeps its membership ports in a smallint column, which the ephemeral range overflows.
 */
export async function freeLowPorts(count: number): Promise<number[]> {
  const held: net.Server[] = [];
  while (held.length < count) {
    const candidate = 20_000 + Math.floor(Math.random() * 12_000);
    const server = await new Promise<net.Server | undefined>((resolve) => {
      const s = net.createServer();
      s.once('error', () => resolve(undefined));
      s.listen(candidate, '127.0.0.1', () => resolve(s));
    });
    if (server) held.push(server);
  }
  const ports = held.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(held.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}
