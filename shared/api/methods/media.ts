import { z } from 'zod';
import { filePath } from '../file-paths';
import { Id } from '../entities';
import { command, query } from '../method';

/** The recordings a browser plays, by extension, with the Content-Type they are served as. */
export const MEDIA_TYPES: Readonly<Record<string, string>> = {
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/ogg',
  flac: 'audio/flac',
  weba: 'audio/webm',
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
  ogv: 'video/ogg',
};

export const MEDIA_EXTENSIONS: readonly string[] = Object.keys(MEDIA_TYPES);

/** A document's linked recording as stored: where it was, and what it was (name, size). */
export const MediaLink = z.object({
  documentId: Id,
  path: z.string(),
  name: z.string(),
  size: z.number(),
  kind: z.enum(['audio', 'video']),
  linkedAt: z.string(),
});
export type MediaLink = z.infer<typeof MediaLink>;

/**
 * A document's recording and where it is now. `found`: at its path, the same file. `moved`: not
 * there, but a file of the same name, size and fingerprint is at `foundPath` (proposed, never taken
 * silently). `changed`: a different file is at its path. `missing`: nowhere Condensa looked.
 */
export const MediaState = z.object({
  link: MediaLink.nullable(),
  status: z.enum(['none', 'found', 'moved', 'changed', 'missing']),
  foundPath: filePath().nullable(),
  searched: z.array(z.string()),
});
export type MediaState = z.infer<typeof MediaState>;

export const mediaMethods = {
  'media.get': query('The recording linked to a document and whether it is where it was (or found again by name and size)', z.object({ documentId: Id }), MediaState),
  'media.link': command(
    'Links an audio or video file to a document (or re-links it after a move); the file is not copied, its place, name, size and fingerprint are kept',
    z.object({ documentId: Id, path: filePath() }),
    MediaState,
  ),
  'media.unlink': command('Removes the link between a document and its recording (the file stays where it is)', z.object({ documentId: Id }), MediaState),
} as const;
