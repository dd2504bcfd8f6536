import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { CONTENT_SECURITY_POLICY } from './security';
import { contentTypeOf } from '../core/files/content-types';
import { mediaResponseHead } from '../core/files/media-files';

// The window loads the built renderer from app://condensa/ rather than file://: a page on file://
// may read any other file:// URL, while this scheme serves the renderer folder and nothing else.

export const APP_SCHEME = 'app';
export const APP_HOST = 'condensa';
export const RENDERER_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Registered before the app is ready: a standard, secure scheme (same-origin rules, no mixed content); streamed, for recordings. */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: true } as const;

/** The file under `root` an app:// URL names, or null for anything outside it or on another host. */
export function appFileFor(url: string, root: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(parsed.pathname === '/' ? '/index.html' : parsed.pathname);
  } catch {
    return null;
  }
  const base = path.resolve(root);
  const file = path.resolve(base, `.${rel}`);
  return file.startsWith(base + path.sep) ? file : null;
}

/** Answers one app:// request (Electron's protocol.handle) with the file and the window's CSP. */
export async function serveAppRequest(request: { readonly url: string; readonly method?: string }, root: string): Promise<Response> {
  const headers = { 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' };
  if (request.method && request.method !== 'GET' && request.method !== 'HEAD') return new Response('Method not allowed', { status: 405, headers });
  const file = appFileFor(request.url, root);
  if (file === null) return new Response('Not found', { status: 404, headers });
  try {
    const body = await fs.promises.readFile(file);
    return new Response(body, { status: 200, headers: { ...headers, 'content-type': contentTypeOf(file) } });
  } catch {
    return new Response('Not found', { status: 404, headers });
  }
}

/** The document whose recording an app:// URL asks for (app://condensa/media/<documentId>), else null. */
export function mediaDocumentOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  const m = /^\/media\/([\w-]{1,100})$/.exec(parsed.pathname);
  return m ? m[1] : null;
}

/**
 * Answers a request for a document's recording with range support (206, Content-Range; 416 beyond
 * the end). `linked` asks the core for the file linked to that document, null unless it is where it
 * was linked: the window reaches no other file through this scheme.
 */
export async function serveMediaRequest(
  request: { readonly url: string; readonly method?: string; readonly headers?: { get(name: string): string | null } },
  linked: (documentId: string) => Promise<string | null>,
): Promise<Response> {
  const plain = { 'x-content-type-options': 'nosniff' };
  if (request.method && request.method !== 'GET' && request.method !== 'HEAD') return new Response('Method not allowed', { status: 405, headers: plain });
  const documentId = mediaDocumentOf(request.url);
  const file = documentId === null ? null : await linked(documentId);
  let size: number | null = null;
  try {
    if (file !== null) size = (await fs.promises.stat(file)).size;
  } catch {
    size = null;
  }
  if (file === null || size === null) return new Response('Not found', { status: 404, headers: plain });
  const head = mediaResponseHead(file, size, request.headers?.get('range') ?? null);
  if (request.method === 'HEAD' || head.status === 416 || size === 0) return new Response(null, { status: head.status, headers: head.headers });
  const stream = head.range ? fs.createReadStream(file, { start: head.range.start, end: head.range.end }) : fs.createReadStream(file);
  return new Response(Readable.toWeb(stream) as ReadableStream, { status: head.status, headers: head.headers });
}
