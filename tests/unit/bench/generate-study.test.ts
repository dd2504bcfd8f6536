import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateStudy, STUDY_SPECS } from '../../../bench/generate-study';
import { Prng } from '../../../shared/domain/prng';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'condensa-bench-gen-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const TABLES = ['documents', 'participants', 'participant_values', 'turns', 'meaning_units', 'codebook_nodes', 'codebook_links', 'codings', 'quotes', 'memos'];

function snapshot(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    const counts = Object.fromEntries(TABLES.map((t) => [t, db.prepare(`SELECT count(*) FROM ${t}`).pluck().get()]));
    const first = Object.fromEntries(TABLES.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY rowid LIMIT 3`).all()]));
    return { counts, first };
  } finally {
    db.close();
  }
}

describe('the benchmark study generator', () => {
  it('writes the same rows for the same seed, and other rows for another seed', () => {
    const a = generateStudy(path.join(dir, 'a.condensa'), STUDY_SPECS.tiny, 42);
    const b = generateStudy(path.join(dir, 'b.condensa'), STUDY_SPECS.tiny, 42);
    const c = generateStudy(path.join(dir, 'c.condensa'), STUDY_SPECS.tiny, 43);
    const sa = snapshot(a.file);
    expect(snapshot(b.file)).toEqual(sa);
    expect(snapshot(c.file).first.documents).not.toEqual(sa.first.documents);
    expect(a.largestDocumentId).toBe(b.largestDocumentId);
  });

  it('makes exactly the units, codes and codings the size asks for, units inside their turns', () => {
    const spec = STUDY_SPECS.tiny;
    const s = generateStudy(path.join(dir, 'd.condensa'), spec, 7);
    const { counts } = snapshot(s.file);
    expect(counts.documents).toBe(spec.transcripts);
    expect(counts.meaning_units).toBe(spec.units);
    expect(counts.codebook_nodes).toBe(spec.levels.reduce((x, y) => x + y, 0));
    expect(counts.codings).toBe(2 * spec.codingsPerCoder);
    expect(counts.quotes).toBe(spec.quotes);
    expect(counts.participants).toBe(spec.participants);
    const db = new Database(s.file, { readonly: true });
    try {
      const outside = db
        .prepare(
          `SELECT count(*) FROM meaning_units u WHERE NOT EXISTS (
             SELECT 1 FROM turns t WHERE t.document_id = u.document_id AND t.start <= u.start AND u."end" <= t."end" AND t.is_facilitator = 0)`,
        )
        .pluck()
        .get();
      expect(outside).toBe(0);
      // Codings land on codes (the lowest level), never on categories or themes.
      expect(db.prepare(`SELECT count(*) FROM codings c JOIN codebook_nodes n ON n.id = c.code_id WHERE n.level <> 'code'`).pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });

  it('draws the same numbers from the same seed', () => {
    const x = new Prng(1);
    const y = new Prng(1);
    const xs = Array.from({ length: 5 }, () => x.next());
    expect(Array.from({ length: 5 }, () => y.next())).toEqual(xs);
    expect(new Set(xs).size).toBe(5);
    expect(new Prng(9).uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
