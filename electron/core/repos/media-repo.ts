import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { nowIso, stmt } from '../store/statements';
import type { MediaLinkRecord } from '../files/media-files';

export interface MediaLinkRow extends MediaLinkRecord {
  readonly documentId: string;
  readonly linkedAt: string;
}

/** The recording linked to a document, or null. */
export function getMediaLink(db: Database.Database, documentId: string): MediaLinkRow | null {
  const row = stmt(db, `SELECT document_id AS documentId, path, name, size, fingerprint, linked_at AS linkedAt FROM document_media WHERE document_id = ?`).get(documentId) as
    | MediaLinkRow
    | undefined;
  return row ?? null;
}

/** Links (or re-links) a document's recording: one row per document, its id kept across re-links. */
export function putMediaLink(db: Database.Database, documentId: string, link: MediaLinkRecord): void {
  stmt(
    db,
    `INSERT INTO document_media (id, document_id, path, name, size, fingerprint, linked_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(document_id) DO UPDATE SET path = excluded.path, name = excluded.name, size = excluded.size, fingerprint = excluded.fingerprint, linked_at = excluded.linked_at`,
  ).run(randomUUID(), documentId, link.path, link.name, link.size, link.fingerprint, nowIso());
}

/** Removes a document's recording link (the file itself is never touched); false when there was none. */
export function deleteMediaLink(db: Database.Database, documentId: string): boolean {
  return stmt(db, `DELETE FROM document_media WHERE document_id = ?`).run(documentId).changes > 0;
}
