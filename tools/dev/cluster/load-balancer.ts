import net from 'node:net';

export interface LoadBalancer {
  url: string;
  close(): Promise<void>;
}

/**
 * A TCP round-robin balancer on loopback in front of the API replicas, standing in for a
 * Kubernetes Service or an ingress: a connection goes to the next replica that accepts it, so a
 * dead replica costs a refused connect, never a failed request that had not reached it.
 */
export async function startLoadBalancer(port: number, backends: number[]): Promise<LoadBalancer> {
  let next = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.once('close', () => sockets.delete(client));
    client.pause();
    const attempt = (left: number) => {
      const backend = backends[next++ % backends.length];
      const upstream = net.connect(backend, '127.0.0.1');
      let connected = false;
      upstream.once('connect', () => {
        connected = true;
        sockets.add(upstream);
        upstream.once('close', () => sockets.delete(upstream));
        client.on('error', () => upstream.destroy());
        client.pipe(upstream).pipe(client);
        client.resume();
      });
      upstream.on('error', () => {
        if (connected || left <= 1) client.destroy();
        else attempt(left - 1);
      });
    };
    attempt(backends.length);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const { port: bound } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
