import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { Application } from '../core/application';
import type { Ports } from '../core/ports';

export const API_PATH = '/api';
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

// The same policy the Electron window gets: our own scripts, and the API socket on this host only.
function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ws://127.0.0.1:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

export interface BrowserModeOptions {
  readonly rendererDir: string;
  readonly port?: number;
  readonly ports: Omit<Ports, 'platform' | 'dialogs'>;
  readonly validateResults?: boolean;
}

export interface BrowserModeServer {
  /** The address to open, token included (in the fragment, which never reaches a server log). */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly port: number;
  readonly app: Application;
  close(): Promise<void>;
}

function sameToken(given: string | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Serves the built renderer and the contract over a WebSocket, on 127.0.0.1 only. */
export async function startBrowserMode(options: BrowserModeOptions): Promise<BrowserModeServer> {
  const token = randomBytes(24).toString('base64url');
  const app = new Application({ ...options.ports, platform: 'browser', dialogs: null }, { validateResults: options.validateResults });
  const root = path.resolve(options.rendererDir);
  let origin = '';
  let port = 0;

  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const rel = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    const file = path.resolve(root, `.${rel}`);
    // Only files inside the built renderer are served; nothing else on disk is reachable.
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-security-policy': contentSecurityPolicy(port),
      'x-content-type-options': 'nosniff',
      'cross-origin-resource-policy': 'same-origin',
      'cache-control': 'no-store',
    });
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(file).pipe(res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const allowedOrigins = [origin, `http://localhost:${port}`];
    const ok = url.pathname === API_PATH && allowedOrigins.includes(req.headers.origin ?? '') && sameToken(url.searchParams.get('token'), token);
    if (!ok) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, app));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    port,
    app,
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      app.closeProject();
    },
  };
}

function serveSocket(ws: WebSocket, app: Application): void {
  ws.on('message', async (data) => {
    let id: unknown = null;
    try {
      const msg = JSON.parse(data.toString()) as { id?: unknown; method?: unknown; params?: unknown };
      id = msg.id;
      if (typeof msg.id !== 'number' || typeof msg.method !== 'string') throw new Error('malformed');
      const envelope = await app.dispatch(msg.method, msg.params);
      ws.send(JSON.stringify({ id, envelope }));
    } catch {
      ws.send(JSON.stringify({ id, envelope: { ok: false, error: { code: 'BAD_REQUEST', message: 'Malformed message: expected {id, method, params}.' } } }));
    }
  });
}
