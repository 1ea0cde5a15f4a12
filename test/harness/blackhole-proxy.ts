// A TCP proxy on 127.0.0.1 in front of the SIP server that can silently drop traffic on the
// connections it carries, as a sleeping laptop or a dead NAT mapping does: the sockets stay
// open, nothing arrives. New connections are forwarded normally, unless it plays a broken
// load balancer that completes the WebSocket handshake and then drops every connection.
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
  /** Connections accepted since the proxy started. */
  accepted(): number;
  /** While on, every new connection is carried through the WebSocket handshake and cut as
   * soon as the client sends its first frame (its REGISTER). */
  dropAfterHandshake(on: boolean): void;
  stop(): Promise<void>;
}

export async function startBlackholeProxy(targetWsUrl: string): Promise<BlackholeProxy> {
  const target = new URL(targetWsUrl);
  const sockets = new Set<{ client: net.Socket; upstream: net.Socket; dead: boolean }>();
  let accepted = 0;
  let dropping = false;
  const server = net.createServer((client) => {
    accepted++;
    const upstream = net.connect(Number(target.port), target.hostname);
    const pair = { client, upstream, dead: false };
    sockets.add(pair);
    const dropsThis = dropping;
    let chunks = 0;
    client.on('data', (chunk) => {
      // The first chunk is the HTTP upgrade; the client sends no frame before the 101.
      if (dropsThis && ++chunks > 1) return void close();
      if (!pair.dead) upstream.write(chunk);
    });
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
    accepted: () => accepted,
    dropAfterHandshake(on) {
      dropping = on;
    },
    async stop() {
      for (const pair of sockets) {
        pair.client.destroy();
        pair.upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
