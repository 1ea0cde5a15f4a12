// A TCP proxy on 127.0.0.1 in front of the SIP server that can silently drop traffic on the
// connections it carries, as a sleeping laptop or a dead NAT mapping does: the sockets stay
// open, nothing arrives. New connections are forwarded normally.
import net from 'node:net';

export interface BlackholeProxy {
  /** ws://127.0.0.1:PORT — give this to the client instead of the server's own URL. */
  wsUrl: string;
  /** From now on, bytes on the connections open now are swallowed in both directions. */
  blackhole(): void;
  /** Closes every connection at once (a reset), as a flaky network or a dying NAT does. */
  cut(): void;
  /** Connections currently open through the proxy. */
  connections(): number;
  stop(): Promise<void>;
}

export async function startBlackholeProxy(targetWsUrl: string): Promise<BlackholeProxy> {
  const target = new URL(targetWsUrl);
  const sockets = new Set<{ client: net.Socket; upstream: net.Socket; dead: boolean }>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    const pair = { client, upstream, dead: false };
    sockets.add(pair);
    client.on('data', (chunk) => pair.dead || upstream.write(chunk));
    upstream.on('data', (chunk) => pair.dead || client.write(chunk));
    const close = () => {
      sockets.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', close).on('error', close);
    upstream.on('close', () => pair.dead || close()).on('error', () => pair.dead || close());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    wsUrl: `ws://127.0.0.1:${port}${target.pathname === '/' ? '' : target.pathname}`,
    blackhole() {
      for (const pair of sockets) pair.dead = true;
    },
    cut() {
      for (const pair of sockets) {
        pair.client.destroy();
        pair.upstream.destroy();
      }
      sockets.clear();
    },
    connections: () => [...sockets].filter((p) => !p.dead).length,
    async stop() {
      for (const pair of sockets) {
        pair.client.destroy();
        pair.upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
