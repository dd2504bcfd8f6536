import fs from 'node:fs';
import Database from 'better-sqlite3';
import { migrate } from '../store/migrations';
import type { ImportPlan } from './import-study';
import { parseXml, utf8Xml } from './xml';
import { DEFAULT_ZIP_LIMITS, PackedEntry, writeZip, ZipArchive } from './zip';

// For `npm run bench`: the bare minimum of a REFI-QDA import and export of the same study, the
// floor the app's figures are compared with. No checks, no planning, no progress, no audit, no
// search index. Zip entries go through native zlib, as the app's do: fflate (pure JavaScript)
// takes two to four times as long here, which would flatter the ratios. The XML is parsed by the
// app's own scanner, from the UTF-8 bytes as the app reads them, into a bare element tree:
// fast-xml-parser takes about four times as long on a large study's project.qde (5.4 s against
// 1.4 s of CPU), a floor above the app's own work.

/**
 * Inflate the .qdpx's project.qde, parse it into elements, and insert `plan`'s rows (the rows the
 * import writes, planned beforehand) into a new migrated database at `target`: one prepared
 * statement per table, one transaction, with the search index's triggers and the tables' other
 * indexes left out (only keys and unique constraints are kept).
 */
export function baselineQdpxImport(bytes: Uint8Array, plan: ImportPlan, target: string): { rows: number } {
  const zip = ZipArchive.open(bytes, DEFAULT_ZIP_LIMITS);
  const xml = zip.read(zip.find('project.qde')!);
  parseXml(utf8Xml(xml) ?? Buffer.from(xml).toString('utf8'), 'project.qde');
  fs.rmSync(target, { force: true });
  const db = new Database(target);
  let rows = 0;
  try {
    db.pragma('journal_mode = DELETE');
    db.pragma('foreign_keys = ON');
    migrate(db);
    db.transaction(() => {
      const aside = db
        .prepare(`SELECT type, name FROM sqlite_master WHERE sql IS NOT NULL AND ((type = 'index' AND sql NOT LIKE 'CREATE UNIQUE%') OR type = 'trigger')`)
        .all() as { type: string; name: string }[];
      for (const a of aside) db.exec(`DROP ${a.type.toUpperCase()} "${a.name}"`);
      for (const t of plan.tables) {
        if (t.rows.length === 0) continue;
        const columns = Object.keys(t.rows[0]);
        const insert = db.prepare(`INSERT OR IGNORE INTO "${t.table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
        for (const row of t.rows) insert.run(columns.map((c) => row[c] ?? null));
        rows += t.rows.length;
      }
    })();
  } finally {
    db.close();
  }
  return { rows };
}

/** The tables a project export reads, whole. */
const EXPORTED_TABLES = ['coders', 'codebook_nodes', 'codebook_links', 'document_groups', 'documents', 'attributes', 'participants', 'participant_values', 'turns', 'meaning_units', 'codings', 'memos', 'journal_entries', 'quotes', 'resolutions'];

/**
 * Read every row the export reads, encode the very project.qde text the export wrote (`qde`: its
 * building is left out) and the sources, zip them and write the file.
 */
export async function baselineQdpxExport(db: Database.Database, qde: string, texts: ReadonlyMap<string, string>, target: string): Promise<{ bytes: number }> {
  for (const table of EXPORTED_TABLES) db.prepare(`SELECT * FROM "${table}"`).raw().all();
  const encoder = new TextEncoder();
  const entries = [new PackedEntry('project.qde').end(encoder.encode(qde))];
  for (const [guid, text] of texts) entries.push(new PackedEntry(`sources/${guid}.txt`).end(encoder.encode(text)));
  const zip = await writeZip(entries);
  fs.writeFileSync(target, zip);
  return { bytes: zip.byteLength };
}
