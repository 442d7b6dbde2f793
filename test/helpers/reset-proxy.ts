import { createConnection, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ResetProxy {
  endpoint: string;
  /** connections reset so far */
  resets(): number;
  close(): Promise<void>;
}

/**
 * A TCP proxy on loopback in front of `target` that resets (RST) a share of
 * the requests (every n-th chunk the client sends, kept-alive connections too), as a flaky
 * network or an overloaded load balancer does. `every` = 5 resets one
 * chunk in five, deterministically (no randomness in the tests).
 */
export async function startResetProxy(targetPort: number, every: number): Promise<ResetProxy> {
  let chunks = 0;
  let resets = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    sockets.add(client);
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort });
    sockets.add(upstream);
    client.on('close', () => sockets.delete(client));
    upstream.on('close', () => sockets.delete(upstream));
    // every n-th chunk a client sends (a request, on a kept-alive connection too) resets the connection
    client.on('data', (chunk: Buffer) => {
      if (every > 0 && ++chunks % every === 0) {
        resets += 1;
        client.resetAndDestroy();
        upstream.destroy();
        return;
      }
      upstream.write(chunk);
    });
    upstream.pipe(client);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    resets: () => resets,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
