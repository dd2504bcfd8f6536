import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { decodeText, detectTurns, normalizeNewlines, segmentUnits } from '../../../shared/text';

/**
 * The bare minimum the same import needs, for the benchmark's ratio: read the file, split it with
 * the same rules, bulk-insert the rows in one transaction — no participants, no audit, no undo.
 * `db` is a migrated project database without the audit triggers (ProjectFile.create(...).db).
 */
export function baselineImport(db: Database.Database, filePath: string): { turns: number; units: number } {
  const text = normalizeNewlines(decodeText(fs.readFileSync(filePath)).text);
  const { turns } = detectTurns(text);
  const units = segmentUnits(text, turns, 'sentence');
  const documentId = randomUUID();
  const now = new Date().toISOString();
  const turnRows = JSON.stringify(turns.map((t) => [randomUUID(), t.speaker, t.start, t.end, t.timestamp]));
  const unitRows = JSON.stringify(units.map((u) => [randomUUID(), u.start, u.end]));
  db.transaction(() => {
    db.prepare(`INSERT INTO documents (id, title, kind, text, created_at) VALUES (?, ?, 'focus-group', ?, ?)`).run(documentId, path.basename(filePath), text, now);
    db.prepare(`INSERT INTO turns (id, document_id, speaker_label, start, "end", timestamp) SELECT value->>0, ?, value->>1, value->>2, value->>3, value->>4 FROM json_each(?)`).run(documentId, turnRows);
    db.prepare(`INSERT INTO meaning_units (id, document_id, start, "end") SELECT value->>0, ?, value->>1, value->>2 FROM json_each(?)`).run(documentId, unitRows);
  })();
  return { turns: turns.length, units: units.length };
}
