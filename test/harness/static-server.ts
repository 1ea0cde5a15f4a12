// Serves directories over http://127.0.0.1 for pages the browser under test opens
// (the remote party's phone page, sip.js as ES modules). 127.0.0.1 counts as a secure
// context, so getUserMedia and WebRTC work without TLS.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';

export interface StaticServer {
  /** http://127.0.0.1:PORT */
  origin: string;
  stop(): Promise<void>;
}

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * @param routes URL prefix → directory, e.g. `{ '/party/': 'test/harness/party',
 *   '/vendor/sip.js/': 'node_modules/sip.js' }`. The longest matching prefix wins.
 */
export async function startStaticServer(routes: Record<string, string>): Promise<StaticServer> {
  const table = Object.entries(routes)
    .map(([prefix, dir]) => ({ prefix: prefix.endsWith('/') ? prefix : `${prefix}/`, dir: path.resolve(dir) }))
    .sort((a, b) => b.prefix.length - a.prefix.length);

  const server = http.createServer((req, res) => {
    void serve(table, req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('static server has no address');

  let stopping: Promise<void> | undefined;
  return {
    origin: `http://127.0.0.1:${address.port}`,
    stop: () =>
      (stopping ??= new Promise<void>((resolve) => {
        // Browsers keep connections alive; without this close() waits for them.
        server.closeAllConnections();
        server.close(() => resolve());
      })),
  };
}

async function serve(
  table: { prefix: string; dir: string }[],
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const send = (status: number, text: string): void => {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(text);
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'Method Not Allowed\n');

  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  } catch {
    return send(400, 'Bad Request\n');
  }
  const route = table.find((r) => pathname.startsWith(r.prefix) || `${pathname}/` === r.prefix);
  if (!route) return send(404, 'Not Found\n');

  let file = path.join(route.dir, pathname.slice(route.prefix.length));
  if (file !== route.dir && !file.startsWith(route.dir + path.sep)) return send(403, 'Forbidden\n');
  try {
    let info = await stat(file);
    if (info.isDirectory()) {
      file = path.join(file, 'index.html');
      info = await stat(file);
    }
    if (!info.isFile()) return send(404, 'Not Found\n');
    res.writeHead(200, {
      'Content-Type': MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': info.size,
      'Cache-Control': 'no-store',
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  } catch {
    send(404, 'Not Found\n');
  }
}
