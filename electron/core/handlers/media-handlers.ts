import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/api/errors';
import type { MediaState, mediaMethods } from '../../../shared/api/methods/media';
import { MEDIA_EXTENSIONS } from '../../../shared/api/methods/media';
import type { HandlerMap } from '../handler-types';
import { locateMedia, mediaFingerprint, mediaTypeOf } from '../files/media-files';
import { assertDocument } from '../repos/document-edits-repo';
import { documentTitle } from '../repos/transcript-repair-repo';
import { deleteMediaLink, getMediaLink, putMediaLink } from '../repos/media-repo';

/** The document's recording and where it is now: searched for by name and size when it is not where it was. */
export function mediaState(db: Database.Database, documentId: string, projectFile: string): MediaState {
  assertDocument(db, documentId);
  const row = getMediaLink(db, documentId);
  if (!row) return { link: null, status: 'none', foundPath: null, searched: [] };
  const link = { documentId, path: row.path, name: row.name, size: row.size, linkedAt: row.linkedAt, kind: (mediaTypeOf(row.name) ?? '').startsWith('video/') ? ('video' as const) : ('audio' as const) };
  const where = locateMedia(row, [path.dirname(projectFile), path.dirname(row.path)]);
  if (where.status === 'found') return { link, status: 'found', foundPath: null, searched: [] };
  if (where.status === 'moved') return { link, status: 'moved', foundPath: where.path, searched: [] };
  return { link, status: where.status, foundPath: null, searched: where.status === 'missing' ? [...where.searched] : [] };
}

/** Reads what a recording is before it is linked: refused, with what to do, unless a browser can play it. */
function readRecording(file: string): { readonly name: string; readonly size: number; readonly fingerprint: string } {
  const name = path.basename(file);
  if (mediaTypeOf(file) === null) {
    throw new AppError('MEDIA_UNSUPPORTED', `“${name}” is not a recording Condensa can play. Link an audio or video file (${MEDIA_EXTENSIONS.map((e) => `.${e}`).join(', ')}).`);
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new AppError('MEDIA_NOT_FOUND', `“${name}” is not there any more. Choose the recording again.`);
  }
  if (!stat.isFile()) throw new AppError('MEDIA_NOT_FOUND', `“${name}” is a folder, not a recording. Choose the audio or video file itself.`);
  return { name, ...mediaFingerprint(file) };
}

export const mediaHandlers: HandlerMap<keyof typeof mediaMethods> = {
  'media.get': ({ documentId }, ctx) => mediaState(ctx.project.db, documentId, ctx.project.file.path),
  'media.link': ({ documentId, path: given }, ctx) => {
    const db = ctx.project.db;
    assertDocument(db, documentId);
    const file = path.resolve(given);
    const recording = readRecording(file);
    const before = getMediaLink(db, documentId);
    const title = documentTitle(db, documentId);
    const summary = before ? `Re-link the recording of “${title}” to “${recording.name}”` : `Link the recording “${recording.name}” to “${title}”`;
    ctx.write(summary, () => putMediaLink(db, documentId, { path: file, ...recording }));
    return mediaState(db, documentId, ctx.project.file.path);
  },
  'media.unlink': ({ documentId }, ctx) => {
    const db = ctx.project.db;
    assertDocument(db, documentId);
    const before = getMediaLink(db, documentId);
    if (before) ctx.write(`Unlink the recording “${before.name}” from “${documentTitle(db, documentId)}”`, () => deleteMediaLink(db, documentId));
    return mediaState(db, documentId, ctx.project.file.path);
  },
};
