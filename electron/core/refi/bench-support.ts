import fs from 'node:fs';
import Database from 'better-sqlite3';
import { XMLParser } from 'fast-xml-parser';
import { migrate } from '../store/migrations';
import type { ImportPlan } from './import-study';
import { DEFAULT_ZIP_LIMITS, PackedEntry, writeZip, ZipArchive } from './zip';

// For `npm run bench`: the bare minimum of a REFI-QDA import and export of the same study, the
// floor the app's figures are compared with. No checks, no planning, no progress, no audit. Zip
// entries go through native zlib, as the app's do: fflate (pure JavaScript) takes two to four
// times as long here, which would flatter the ratios.

/**
 * Inflate the .qdpx's project.qde, parse it as it comes (fast-xml-parser, attributes kept), and
 * insert `plan`'s rows (the rows the import writes, planned beforehand) into a new migrated
 * database at `target`: one prepared statement per table, one transaction.
 */
export function baselineQdpxImport(bytes: Uint8Array, plan: ImportPlan, target: string): { rows: number } {
  const zip = ZipArchive.open(bytes, DEFAULT_ZIP_LIMITS);
  const xml = Buffer.from(zip.read(zip.find('project.qde')!)).toString('utf8');
  new XMLParser({ ignoreAttributes: false, parseTagValue: false, parseAttributeValue: false, processEntities: false }).parse(xml);
  fs.rmSync(target, { force: true });
  const db = new Database(target);
  let rows = 0;
  try {
    db.pragma('journal_mode = DELETE');
    db.pragma('foreign_keys = ON');
    migrate(db);
    db.transaction(() => {
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
