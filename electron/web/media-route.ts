import fs from 'node:fs';
import type http from 'node:http';
import { pipeline } from 'node:stream';
import type { Application } from '../core/application';
import { mediaResponseHead } from '../core/files/media-files';

/** Where a tab asks for a document's recording: /media/<documentId>?token=… */
export const MEDIA_PATH_PREFIX = '/media/';

/**
 * The recording linked to a document of the open project, if it is where it was linked (the same
 * file): the only files outside the renderer the server ever sends.
 */
export async function linkedRecording(app: Application, documentId: string): Promise<string | null> {
  const answer = await app.dispatch('media.get', { documentId });
  if (!answer.ok) return null;
  const state = answer.result as { status: string; link: { path: string } | null };
  return state.status === 'found' && state.link ? state.link.path : null;
}

/**
 * Sends a document's recording with HTTP range requests (206 and Content-Range for a range, 416
 * beyond the end), as a media element seeking through it asks. The caller has checked the token.
 */
export async function serveMedia(req: http.IncomingMessage, res: http.ServerResponse, app: Application, documentId: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const file = await linkedRecording(app, documentId);
  let size: number | null = null;
  try {
    if (file !== null) size = fs.statSync(file).size;
  } catch {
    size = null;
  }
  if (file === null || size === null) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' }).end('No recording is linked to that document, or it is not where it was linked.');
    return;
  }
  const range = req.headers.range;
  const head = mediaResponseHead(file, size, typeof range === 'string' ? range : null);
  res.writeHead(head.status, { ...head.headers, 'cross-origin-resource-policy': 'same-origin' });
  if (req.method === 'HEAD' || head.status === 416 || size === 0) {
    res.end();
    return;
  }
  const stream = head.range ? fs.createReadStream(file, { start: head.range.start, end: head.range.end }) : fs.createReadStream(file);
  pipeline(stream, res, () => undefined);
}
