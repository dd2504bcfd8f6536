import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { TestApp } from '../support/app';

/** Row-by-row contents of a table without the columns named, in a stable order. */
export function tableRows(db: Database.Database, table: string, without: readonly string[] = []): Record<string, unknown>[] {
  const rows = db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[];
  return rows
    .map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !without.includes(k))))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/** The text every coding covers (unit codings through their unit), keyed by coding id. */
export function codedText(db: Database.Database): Map<string, string> {
  const rows = db
    .prepare(
      `SELECT c.id, d.text, coalesce(u.start, c.start) AS s, coalesce(u."end", c."end") AS e
       FROM codings c JOIN documents d ON d.id = c.document_id LEFT JOIN meaning_units u ON u.id = c.unit_id`,
    )
    .all() as { id: string; text: string; s: number; e: number }[];
  return new Map(rows.map((r) => [r.id, r.text.slice(r.s, r.e)]));
}

export const EMOJI_TEXT = 'P1: We met at the café 🙂 after the exam.\nP2: Honestly 👩🏽‍⚕️ she saved my term — 100%.\nP1: 🎉🎉 Yes!';

/**
 * Adds to the open sample what it lacks, so a round trip exercises every path: a document with
 * emoji (astral characters shift code points), a span coding, memos on a unit, a coding and a
 * participant, an interpretive condensation, a journal entry, an exemplar quote and a second parent.
 */
export function enrichSample(t: TestApp): { documentId: string } {
  const db = t.app.requireProject().db;
  const now = new Date().toISOString();
  const coder = db.prepare(`SELECT id FROM coders WHERE name = 'Ben Okafor'`).pluck().get() as string;
  const code = db.prepare(`SELECT id FROM codebook_nodes WHERE level = 'code' ORDER BY sort, name LIMIT 1`).pluck().get() as string;
  const otherCode = db.prepare(`SELECT id FROM codebook_nodes WHERE level = 'code' ORDER BY sort DESC, name DESC LIMIT 1`).pluck().get() as string;
  const category = db.prepare(`SELECT id FROM codebook_nodes WHERE level = 'category' ORDER BY sort, name LIMIT 1`).pluck().get() as string;
  const participant = db.prepare(`SELECT id FROM participants WHERE label = 'P1'`).pluck().get() as string;
  const group = db.prepare(`SELECT id FROM document_groups LIMIT 1`).pluck().get() as string;
  const documentId = randomUUID();
  db.transaction(() => {
    db.prepare(
      `INSERT INTO documents (id, title, kind, text, source_name, source_format, group_id, session_name, session_date, facilitator, duration_minutes, notes, sort, created_at)
       VALUES (?, 'Diary with emoji', 'diary', ?, 'diary.txt', 'txt', ?, 'Week 3', '2026-03-01', '', 12.5, 'Typed on a phone.', 9, ?)`,
    ).run(documentId, EMOJI_TEXT, group, now);
    const at = (s: string) => EMOJI_TEXT.indexOf(s);
    db.prepare(`INSERT INTO turns (id, document_id, participant_id, speaker_label, start, "end", timestamp, is_facilitator) VALUES (?, ?, ?, 'P1', ?, ?, NULL, 0)`).run(
      randomUUID(),
      documentId,
      participant,
      at('We met'),
      at('\nP2'),
    );
    const unit = randomUUID();
    const unitStart = at('Honestly');
    const unitEnd = at(' — 100%');
    db.prepare(`INSERT INTO meaning_units (id, document_id, start, "end", condensed, interpretive) VALUES (?, ?, ?, ?, 'Mentor saved the term', 'Mentoring as rescue')`).run(
      unit,
      documentId,
      unitStart,
      unitEnd,
    );
    const unitCoding = randomUUID();
    db.prepare(`INSERT INTO codings (id, code_id, coder_id, document_id, unit_id, created_at) VALUES (?, ?, ?, ?, ?, ?)`).run(unitCoding, code, coder, documentId, unit, now);
    const span = randomUUID();
    db.prepare(`INSERT INTO codings (id, code_id, coder_id, document_id, start, "end", created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(
      span,
      otherCode,
      coder,
      documentId,
      at('🎉🎉'),
      at('🎉🎉') + '🎉🎉 Yes!'.length,
      now,
    );
    const memo = db.prepare(`INSERT INTO memos (id, target_type, target_id, title, body, author_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    memo.run(randomUUID(), 'unit', unit, 'Strong unit', 'Quote this one. 🙂', coder, now, now);
    memo.run(randomUUID(), 'coding', span, '', 'Celebration, not relief?', coder, now, now);
    memo.run(randomUUID(), 'participant', participant, 'About P1', 'Talkative\r\nbut careful.', coder, now, now);
    db.prepare(`INSERT INTO journal_entries (id, entry_date, body, author_id, created_at, updated_at) VALUES (?, '2026-03-02', 'Second coding pass done <&> "quoted"', ?, ?, ?)`).run(
      randomUUID(),
      coder,
      now,
      now,
    );
    db.prepare(`INSERT INTO quotes (id, node_id, unit_id, sort) VALUES (?, ?, ?, 0)`).run(randomUUID(), code, unit);
    db.prepare(`UPDATE codebook_nodes SET example_unit_id = ?, shortcut = '7', inclusion = 'Only about exams', exclusion = 'Not about\n\nlectures' WHERE id = ?`).run(unit, code);
    db.prepare(`INSERT INTO codebook_links (id, parent_id, child_id, sort) VALUES (?, ?, ?, 99)`).run(randomUUID(), category, otherCode);
  })();
  return { documentId };
}
