import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Envelope } from '../../shared/api/client';
import type { AppEvent } from '../../shared/api/events';
import { MAX_SOCKET_MESSAGE_BYTES } from '../../shared/api/socket-transport';
import { UPLOAD_PATH, UPLOAD_TOKEN_HEADER, type UploadAnswer } from '../../shared/api/uploads';
import { Application } from '../core/application';
import type { Ports } from '../core/ports';
import { contentTypeOf } from '../core/files/content-types';
import { MEDIA_PATH_PREFIX, serveMedia } from './media-route';

export const API_PATH = '/api';

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
  /** Where the tabs' uploaded files go (removed when the server closes). */
  readonly uploadsFolder: string;
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
  // Files the tabs uploaded (for an import), removed when the server closes.
  const uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'condensa-uploads-'));
  const allowedOrigins = () => [origin, `http://localhost:${port}`];

  const server = http.createServer((req, res) => {
    // Nothing a request carries may bring the server down: whatever slips through gets a 400.
    try {
      if (parseRequestUrl(req.url)?.pathname.startsWith(MEDIA_PATH_PREFIX)) answerMedia(req, res, app, token);
      else if (parseRequestUrl(req.url)?.pathname === UPLOAD_PATH) receiveUpload(req, res, uploads, (o, t) => allowedOrigins().includes(o ?? '') && sameToken(t, token));
      else serveFile(req, res, root, port);
    } catch {
      refuseRequest(res, 400, 'Bad request');
    }
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_SOCKET_MESSAGE_BYTES });
  const tabs = new Set<Tab>();
  server.on('upgrade', (req, socket, head) => {
    // After an upgrade the socket is ours: a peer that resets it must not raise an unhandled error.
    socket.on('error', () => socket.destroy());
    const url = parseRequestUrl(req.url);
    const ok = url !== null && url.pathname === API_PATH && allowedOrigins().includes(req.headers.origin ?? '') && sameToken(url.searchParams.get('token'), token);
    if (!ok) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, app, tabs));
  });
  const stopEvents = app.events.subscribe((event) => pushEvent(tabs, event));

  // Node drops a CONNECT without a word unless someone answers it: refuse it like any other method.
  server.on('connect', (_req, socket) => {
    socket.on('error', () => socket.destroy());
    socket.end('HTTP/1.1 405 Method Not Allowed\r\nConnection: close\r\nContent-Length: 0\r\n\r\n', () => socket.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  // Once listening, a failed accept (too many open files under a flood) must not end the process.
  server.on('error', () => undefined);
  port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    port,
    app,
    uploadsFolder: uploads,
    async close() {
      stopEvents();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      app.closeProject();
      fs.rmSync(uploads, { recursive: true, force: true });
    },
  };
}

function parseRequestUrl(raw: string | undefined): URL | null {
  try {
    return new URL(raw ?? '/', 'http://127.0.0.1');
  } catch {
    return null;
  }
}

function refuseRequest(res: http.ServerResponse, status: number, text: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' }).end(text);
}

/** The name an uploaded file keeps (an import reads its kind and title from it), without any folder. */
function uploadName(raw: string | null): string {
  const name = (raw ?? '')
    .split(/[\\/]/)
    .pop()!
    .replace(/[<>:"|?*]/g, '')
    .replace(/\p{Cc}/gu, '')
    .trim()
    .slice(-200);
  return name === '' || name === '.' || name === '..' ? 'upload' : name;
}

/**
 * A tab's file for an import: the raw body of a PUT, streamed into a file of its own under
 * `folder` (never held whole in memory), answered with that file's path for the contract. The
 * transport sets no size limit; the importer that reads the file sets the content's.
 */
function receiveUpload(req: http.IncomingMessage, res: http.ServerResponse, folder: string, allowed: (origin: string | undefined, token: string | null) => boolean): void {
  const given = req.headers[UPLOAD_TOKEN_HEADER];
  if (!allowed(req.headers.origin, typeof given === 'string' ? given : null)) {
    req.resume();
    refuseRequest(res, 403, 'Forbidden');
    return;
  }
  if (req.method !== 'PUT') {
    req.resume();
    res.writeHead(405, { allow: 'PUT' }).end();
    return;
  }
  const dir = path.join(folder, randomUUID());
  fs.mkdirSync(dir);
  const file = path.join(dir, uploadName(parseRequestUrl(req.url)?.searchParams.get('name') ?? null));
  const out = fs.createWriteStream(file, { flags: 'wx' });
  pipeline(req, out, (err) => {
    if (err) {
      fs.rmSync(dir, { recursive: true, force: true });
      const full = (err as NodeJS.ErrnoException).code === 'ENOSPC';
      refuseRequest(res, full ? 507 : 400, full ? 'The disk is full, so the file could not be received. Free some space and try again.' : 'The file did not arrive whole. Try again.');
      return;
    }
    const answer: UploadAnswer = { path: file, bytes: out.bytesWritten };
    res.writeHead(201, { 'content-type': 'application/json', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' }).end(JSON.stringify(answer));
  });
}

/** A document's recording, for a tab that shows the token in the address (a media element sends no headers of ours). */
function answerMedia(req: http.IncomingMessage, res: http.ServerResponse, app: Application, token: string): void {
  const url = parseRequestUrl(req.url)!;
  if (!sameToken(url.searchParams.get('token'), token)) {
    refuseRequest(res, 403, 'Forbidden');
    return;
  }
  void serveMedia(req, res, app, url.pathname.slice(MEDIA_PATH_PREFIX.length)).catch(() => refuseRequest(res, 400, 'Bad request'));
}

/** Only files inside the built renderer are served; nothing else on disk is reachable. */
function serveFile(req: http.IncomingMessage, res: http.ServerResponse, root: string, port: number): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405).end();
    return;
  }
  const url = parseRequestUrl(req.url);
  let rel: string | null = null;
  try {
    if (url) rel = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
  } catch {
    rel = null; // a malformed escape such as %ff names no file
  }
  if (rel === null) {
    refuseRequest(res, 400, 'Bad request: the address is malformed.');
    return;
  }
  const file = path.resolve(root, `.${rel}`);
  if (!file.startsWith(root + path.sep) || !isFile(file)) {
    refuseRequest(res, 404, 'Not found');
    return;
  }
  res.writeHead(200, {
    'content-type': contentTypeOf(file),
    'content-security-policy': contentSecurityPolicy(port),
    'x-content-type-options': 'nosniff',
    'cross-origin-resource-policy': 'same-origin',
    'cache-control': 'no-store',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  // pipeline, not pipe: a read error (file removed meanwhile) ends this response instead of the process.
  pipeline(fs.createReadStream(file), res, () => undefined);
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

interface Call {
  readonly id: number;
  readonly method: string;
  readonly params: unknown;
  /** The project the page works in (its path, null before it opened one); absent from older clients. */
  readonly project?: string | null;
}

/** Reads one message as a call, or says why it is none (with the id, when there is one to answer). */
function readCall(data: RawData): Call | { readonly id: unknown } {
  let msg: unknown;
  try {
    msg = JSON.parse(rawText(data));
  } catch {
    return { id: null };
  }
  if (!msg || typeof msg !== 'object' || Array.isArray(msg)) return { id: null };
  const { id, method, params, project } = msg as Record<string, unknown>;
  const named = project === undefined || project === null || typeof project === 'string';
  if (typeof id !== 'number' || typeof method !== 'string' || !named) return { id: typeof id === 'number' ? id : null };
  return { id, method, params, project: project as string | null | undefined };
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8');
}

function answer(ws: WebSocket, id: unknown, envelope: Envelope): void {
  let text: string;
  try {
    text = JSON.stringify({ id, envelope });
  } catch {
    text = JSON.stringify({ id, envelope: { ok: false, error: { code: 'INTERNAL', message: 'The answer could not be sent: it is too large. Ask for less at once.' } } });
  }
  ws.send(text);
}

const MALFORMED: Envelope = { ok: false, error: { code: 'BAD_REQUEST', message: 'Malformed message: expected {id, method, params, project}.' } };

/** One connected page: its socket, its name in events, and the project it last said it works in. */
interface Tab {
  readonly ws: WebSocket;
  readonly id: string;
  project: string | null;
}

/**
 * Sends an event to the pages it concerns: a change to every other page working in that project
 * (its own page has it in the answer), progress to every page.
 */
function pushEvent(tabs: ReadonlySet<Tab>, event: AppEvent): void {
  const text = JSON.stringify({ event });
  for (const tab of tabs) {
    if (event.type === 'change' && (tab.project !== event.project || tab.id === event.origin)) continue;
    if (tab.ws.readyState === tab.ws.OPEN) tab.ws.send(text);
  }
}

function serveSocket(ws: WebSocket, app: Application, tabs: Set<Tab>): void {
  const tab: Tab = { ws, id: randomUUID(), project: null };
  tabs.add(tab);
  ws.on('close', () => tabs.delete(tab));
  // Protocol errors (invalid UTF-8, a message over the limit) close this socket with a close code;
  // without a listener, ws would rethrow them and end the whole process.
  ws.on('error', () => undefined);
  ws.on('message', (data) => {
    const call = readCall(data);
    if (!('method' in call)) {
      answer(ws, call.id, MALFORMED);
      return;
    }
    if (call.project !== undefined) tab.project = call.project;
    const caller = call.project === undefined ? undefined : { project: call.project, client: tab.id };
    // An answer that cannot be sent ends this socket (its calls fail with a message), not the process.
    void app
      .dispatch(call.method, call.params, caller)
      .then((envelope) => {
        if (envelope.project !== undefined) tab.project = envelope.project;
        answer(ws, call.id, envelope);
      })
      .catch(() => ws.terminate());
  });
}
