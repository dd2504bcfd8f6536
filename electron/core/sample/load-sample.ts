import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { insertCoder } from '../repos/coders-repo';
import { checkExportNames } from '../repos/export-names-repo';
import { updateProjectSettings } from '../repos/project-repo';
import { nowIso, stmt } from '../store/statements';
import type { SampleDocument, SampleNode, SampleStudy } from './sample-types';

const TURN_SEPARATOR = '\n\n';

/** Builds the text of a document as a transcript reads: "P3: words…" turns, one per paragraph. */
export function sampleDocumentText(doc: SampleDocument, labelOf: (key: string) => string) {
  let text = '';
  const turns: { speaker: string; start: number; end: number; timestamp: string }[] = [];
  const units: { start: number; end: number; unit: SampleDocument['turns'][number]['units'][number] }[] = [];
  for (const turn of doc.turns) {
    if (text) text += TURN_SEPARATOR;
    text += `[${turn.timestamp}] ${labelOf(turn.speaker)}: `;
    const start = text.length;
    turn.units.forEach((unit, i) => {
      if (i > 0) text += ' ';
      units.push({ start: text.length, end: text.length + unit.text.length, unit });
      text += unit.text;
    });
    turns.push({ speaker: turn.speaker, start, end: text.length, timestamp: turn.timestamp });
  }
  return { text, turns, units };
}

/**
 * A new project made from the sample study (inside the caller's transaction): its rows, and its
 * titles, session and group names checked for exports — the sample's author checked them; none
 * names a person.
 */
export function makeSampleProject(db: Database.Database, study: SampleStudy): void {
  loadSample(db, study);
  const names = new Set([study.title, ...study.documents.flatMap((d) => [d.title, d.sessionName, d.group])]);
  checkExportNames(db, [...names].filter((n) => n.trim()).map((n) => ({ original: n, printed: n })));
}

/** Fills an empty project with the sample study's rows (inside the caller's transaction); any schema since the first. */
export function loadSample(db: Database.Database, study: SampleStudy): void {
  const now = nowIso();
  updateProjectSettings(db, { title: study.title, description: study.description, methodology: study.methodology });

  const coderIds = new Map<string, string>();
  for (const c of study.coders) coderIds.set(c.key, insertCoder(db, { name: c.name, initials: c.initials, colour: c.colour, role: c.role }).id);

  const attributeIds = new Map<string, string>();
  study.attributes.forEach((a, i) => {
    const id = randomUUID();
    attributeIds.set(a.key, id);
    stmt(db, `INSERT INTO attributes (id, name, type, choices, sort) VALUES (?, ?, ?, ?, ?)`).run(id, a.name, a.type, JSON.stringify(a.choices ?? []), i);
  });

  const participantIds = new Map<string, string>();
  const labels = new Map<string, string>();
  study.participants.forEach((p, i) => {
    const id = randomUUID();
    participantIds.set(p.key, id);
    labels.set(p.key, p.label);
    stmt(db, `INSERT INTO participants (id, label, pseudonym, notes, sort, created_at) VALUES (?, ?, ?, ?, ?, ?)`).run(
      id,
      p.label,
      p.pseudonym,
      `Real name (kept only in this file): ${p.realName}`,
      i,
      now,
    );
    for (const [key, value] of Object.entries(p.values)) {
      const attributeId = attributeIds.get(key);
      if (!attributeId) throw new Error(`sample: unknown attribute ${key}`);
      stmt(db, `INSERT INTO participant_values (id, participant_id, attribute_id, value) VALUES (?, ?, ?, ?)`).run(randomUUID(), id, attributeId, value);
    }
  });

  const nodeIds = new Map<string, string>();
  const insertNode = (node: SampleNode, parentId: string | null, sort: number) => {
    const id = randomUUID();
    nodeIds.set(node.key, id);
    stmt(
      db,
      `INSERT INTO codebook_nodes (id, level, name, definition, inclusion, exclusion, colour, status, sort, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, node.level, node.name, node.definition, node.inclusion, node.exclusion, node.colour, node.level === 'theme' ? 'defined' : null, sort, now);
    if (parentId) stmt(db, `INSERT INTO codebook_links (id, parent_id, child_id, sort) VALUES (?, ?, ?, ?)`).run(randomUUID(), parentId, id, sort);
    node.children?.forEach((child, i) => insertNode(child, id, i));
  };
  study.codebook.forEach((n, i) => insertNode(n, null, i));

  const groupIds = new Map<string, string>();
  for (const doc of study.documents) {
    if (!groupIds.has(doc.group)) {
      const id = randomUUID();
      groupIds.set(doc.group, id);
      stmt(db, `INSERT INTO document_groups (id, name, sort) VALUES (?, ?, ?)`).run(id, doc.group, groupIds.size);
    }
  }

  const documentIds = new Map<string, string>();
  const unitIdsByText: [string, string][] = [];
  study.documents.forEach((doc, docIndex) => {
    const documentId = randomUUID();
    documentIds.set(doc.key, documentId);
    const built = sampleDocumentText(doc, (key) => labels.get(key) ?? key);
    const facilitatorUnits = new Set(
      doc.turns.filter((t) => study.participants.find((p) => p.key === t.speaker)?.facilitator).flatMap((t) => t.units),
    );
    stmt(
      db,
      `INSERT INTO documents (id, title, kind, text, source_name, source_format, group_id, session_name, session_date, facilitator, duration_minutes, notes, sort, created_at)
       VALUES (?, ?, ?, ?, NULL, 'sample', ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(documentId, doc.title, doc.kind, built.text, groupIds.get(doc.group)!, doc.sessionName, doc.sessionDate, doc.facilitator, doc.durationMinutes, doc.notes, docIndex, now);
    for (const t of built.turns) {
      const person = study.participants.find((p) => p.key === t.speaker);
      stmt(db, `INSERT INTO turns (id, document_id, participant_id, speaker_label, start, "end", timestamp, is_facilitator) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(
        randomUUID(),
        documentId,
        participantIds.get(t.speaker) ?? null,
        labels.get(t.speaker) ?? t.speaker,
        t.start,
        t.end,
        t.timestamp,
        person?.facilitator ? 1 : 0,
      );
    }
    for (const u of built.units) {
      // Facilitators' turns stay visible but are not split into units: they are not coded.
      if (facilitatorUnits.has(u.unit)) continue;
      const unitId = randomUUID();
      unitIdsByText.push([u.unit.text, unitId]);
      stmt(db, `INSERT INTO meaning_units (id, document_id, start, "end", condensed, interpretive) VALUES (?, ?, ?, ?, ?, '')`).run(
        unitId,
        documentId,
        u.start,
        u.end,
        u.unit.condensed,
      );
      for (const [coderKey, codeKeys] of Object.entries(u.unit.codes)) {
        for (const codeKey of codeKeys) {
          const codeId = nodeIds.get(codeKey);
          const coderId = coderIds.get(coderKey);
          if (!codeId || !coderId) throw new Error(`sample: unknown code ${codeKey} or coder ${coderKey}`);
          stmt(db, `INSERT INTO codings (id, code_id, coder_id, document_id, unit_id, created_at) VALUES (?, ?, ?, ?, ?, ?)`).run(
            randomUUID(),
            codeId,
            coderId,
            documentId,
            unitId,
            now,
          );
        }
      }
    }
  });

  study.quotes.forEach((q, i) => {
    const nodeId = nodeIds.get(q.node);
    const unitId = unitIdsByText.find(([text]) => text.startsWith(q.unitStartsWith))?.[1];
    if (!nodeId || !unitId) throw new Error(`sample: quote for ${q.node} does not match a unit`);
    stmt(db, `INSERT INTO quotes (id, node_id, unit_id, sort) VALUES (?, ?, ?, ?)`).run(randomUUID(), nodeId, unitId, i);
  });

  const targetId = (type: string, key: string | null): string => {
    if (type === 'project') return (stmt(db, `SELECT id FROM project`).pluck().get() as string) ?? '';
    const map = type === 'document' ? documentIds : type === 'node' ? nodeIds : participantIds;
    const id = key ? map.get(key) : undefined;
    if (!id) throw new Error(`sample: unknown memo target ${type} ${key}`);
    return id;
  };
  for (const m of study.memos) {
    stmt(db, `INSERT INTO memos (id, target_type, target_id, title, body, author_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(
      randomUUID(),
      m.target.type,
      targetId(m.target.type, m.target.key),
      m.title,
      m.body,
      coderIds.get(m.author) ?? null,
      now,
      now,
    );
  }
  for (const j of study.journal) {
    stmt(db, `INSERT INTO journal_entries (id, entry_date, body, author_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`).run(
      randomUUID(),
      j.date,
      j.body,
      coderIds.get(j.author) ?? null,
      now,
      now,
    );
  }
}
