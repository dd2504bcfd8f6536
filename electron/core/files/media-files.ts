import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { MEDIA_TYPES } from '../../../shared/api/methods/media';

// Recordings linked to transcripts: what kinds a browser plays, how a file is recognised when it is
// found again elsewhere, and the byte ranges a player asks for while seeking.

/** The Content-Type of a recording by its extension, or null for a file that is no recording we play. */
export function mediaTypeOf(file: string): string | null {
  return MEDIA_TYPES[path.extname(file).slice(1).toLowerCase()] ?? null;
}

const EDGE = 1024 * 1024;

/**
 * SHA-256 of the size and the first and last MiB: reads at most 2 MiB of a recording of any length,
 * and tells the same file apart from another of the same name and size.
 */
export function mediaFingerprint(file: string): { readonly size: number; readonly fingerprint: string } {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const hash = createHash('sha256').update(`${size}:`);
    const head = Buffer.alloc(Math.min(EDGE, size));
    fs.readSync(fd, head, 0, head.length, 0);
    hash.update(head);
    if (size > EDGE) {
      const tail = Buffer.alloc(Math.min(EDGE, size - EDGE));
      fs.readSync(fd, tail, 0, tail.length, size - tail.length);
      hash.update(tail);
    }
    return { size, fingerprint: hash.digest('hex') };
  } finally {
    fs.closeSync(fd);
  }
}

export interface MediaLinkRecord {
  readonly path: string;
  readonly name: string;
  readonly size: number;
  readonly fingerprint: string;
}

export type MediaWhereabouts =
  | { readonly status: 'found'; readonly path: string }
  | { readonly status: 'moved'; readonly path: string; readonly folder: string }
  | { readonly status: 'changed' }
  | { readonly status: 'missing'; readonly searched: readonly string[] };

function sizeOf(file: string): number | null {
  try {
    const st = fs.statSync(file);
    return st.isFile() ? st.size : null;
  } catch {
    return null;
  }
}

function sameFile(file: string, link: MediaLinkRecord): boolean {
  if (sizeOf(file) !== link.size) return false;
  try {
    return mediaFingerprint(file).fingerprint === link.fingerprint;
  } catch {
    return false;
  }
}

/**
 * Where the linked recording is now: at its path; or, moved, a file of the same name and size (and
 * fingerprint) in one of `folders` (the project's folder, the last folder it was in, and their
 * subfolders one level down); else changed (a different file at its path) or missing. A file found
 * elsewhere is only proposed: the caller shows it and the user accepts it.
 */
export function locateMedia(link: MediaLinkRecord, folders: readonly string[]): MediaWhereabouts {
  if (sameFile(link.path, link)) return { status: 'found', path: link.path };
  const searched = [...new Set(folders.map((f) => path.resolve(f)))];
  for (const folder of searched) {
    for (const dir of [folder, ...subfolders(folder)]) {
      const candidate = path.join(dir, link.name);
      if (path.resolve(candidate) !== path.resolve(link.path) && sameFile(candidate, link)) return { status: 'moved', path: candidate, folder: dir };
    }
  }
  if (sizeOf(link.path) !== null) return { status: 'changed' };
  return { status: 'missing', searched };
}

function subfolders(folder: string): string[] {
  try {
    return fs
      .readdirSync(folder, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
      .slice(0, 200)
      .map((e) => path.join(folder, e.name));
  } catch {
    return [];
  }
}

export type ByteRange = { readonly start: number; readonly end: number };

/**
 * The one byte range a `Range` header asks of a file of `size` bytes (inclusive ends, as HTTP
 * counts): null when there is no header or it is not a single bytes range (the whole file is sent),
 * 'unsatisfiable' when it lies beyond the file (416).
 */
export function byteRange(header: string | null | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

/** The status and headers of an answer to a media request with the given Range header. */
export function mediaResponseHead(
  file: string,
  size: number,
  rangeHeader: string | null | undefined,
): { readonly status: 200 | 206 | 416; readonly headers: Record<string, string>; readonly range: ByteRange | null } {
  const type = mediaTypeOf(file) ?? 'application/octet-stream';
  const common = { 'accept-ranges': 'bytes', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' };
  const range = byteRange(rangeHeader, size);
  if (range === 'unsatisfiable') return { status: 416, headers: { ...common, 'content-range': `bytes */${size}` }, range: null };
  if (range === null) return { status: 200, headers: { ...common, 'content-type': type, 'content-length': String(size) }, range: null };
  return {
    status: 206,
    headers: { ...common, 'content-type': type, 'content-length': String(range.end - range.start + 1), 'content-range': `bytes ${range.start}-${range.end}/${size}` },
    range,
  };
}
