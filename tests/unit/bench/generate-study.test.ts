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

  it('holds free-span codings inside their units, emoji and a second language, as real studies do', () => {
    const spec = STUDY_SPECS.small;
    const s = generateStudy(path.join(dir, 'e.condensa'), spec, 11);
    const db = new Database(s.file, { readonly: true });
    try {
      const spans = db
        .prepare(`SELECT c.coder_id AS coder, c.start, c."end", d.text FROM codings c JOIN documents d ON d.id = c.document_id WHERE c.unit_id IS NULL ORDER BY c.rowid`)
        .all() as { coder: string; start: number; end: number; text: string }[];
      // One unit in 25 has its first code on a free span, by both coders.
      expect(spans.length).toBe(2 * (spec.units / 25));
      expect(spans.filter((x) => x.coder === s.coderIds[0]).length).toBe(spec.units / 25);
      for (const x of spans) {
        expect(x.end).toBeGreaterThan(x.start);
        // Each span lies inside a meaning unit and ends at a word's end or the unit's, never inside a surrogate pair.
        const unit = db.prepare(`SELECT count(*) FROM meaning_units WHERE start <= ? AND "end" >= ?`).pluck().get(x.start, x.end) as number;
        expect(unit).toBeGreaterThan(0);
        const low = x.text.charCodeAt(x.end - 1);
        expect(low >= 0xd800 && low <= 0xdbff).toBe(false);
      }
      // The coders' spans overlap without all ending at the same character.
      const a = spans.filter((x) => x.coder === s.coderIds[0]);
      const b = spans.filter((x) => x.coder === s.coderIds[1]);
      expect(a.every((x, i) => x.start === b[i].start)).toBe(true);
      expect(a.some((x, i) => x.end !== b[i].end)).toBe(true);

      const texts = db.prepare(`SELECT title, text FROM documents ORDER BY sort`).all() as { title: string; text: string }[];
      expect(texts.some((d) => /\p{Extended_Pictographic}/u.test(d.text))).toBe(true);
      const german = texts.filter((d) => d.title.endsWith('(Deutsch)'));
      expect(german.length).toBe(1);
      expect(german[0].text).toMatch(/Moderation: .*\?/);
      expect(german[0].text).toMatch(/ hat /);
      expect(texts.filter((d) => !d.title.endsWith('(Deutsch)')).every((d) => !d.text.includes('Moderation:'))).toBe(true);
      // Still the size asked for.
      expect(db.prepare(`SELECT count(*) FROM codings`).pluck().get()).toBe(2 * spec.codingsPerCoder);
      expect(db.prepare(`SELECT count(*) FROM meaning_units`).pluck().get()).toBe(spec.units);
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
