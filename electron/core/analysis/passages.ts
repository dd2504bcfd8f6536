import type Database from 'better-sqlite3';
import type { Passage, TextRange } from '../../../shared/api/methods/analysis';
import { stmt } from '../store/statements';
import { studyIndex } from './coded-rows';

interface UnitRow {
  id: string;
  documentId: string;
  start: number;
  end: number;
  condensed: string;
}

/** The text and speaker of units and ranges a table cell stands for, in document order. */
export function listPassages(db: Database.Database, unitIds: readonly string[], ranges: readonly TextRange[]): Passage[] {
  const units = unitIds.length
    ? (stmt(db, `SELECT id, document_id AS documentId, start, "end", condensed FROM meaning_units WHERE id IN (SELECT value FROM json_each(?))`).all(
        JSON.stringify([...new Set(unitIds)]),
      ) as UnitRow[])
    : [];
  const documentIds = [...new Set([...units.map((u) => u.documentId), ...ranges.map((r) => r.documentId)])];
  if (documentIds.length === 0) return [];
  const docs = new Map(
    (
      stmt(db, `SELECT id, title, text, sort FROM documents WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(documentIds)) as {
        id: string;
        title: string;
        text: string;
        sort: number;
      }[]
    ).map((d) => [d.id, d]),
  );
  const study = studyIndex(db);
  const people = new Map(
    (stmt(db, `SELECT id, label, pseudonym FROM participants`).all() as { id: string; label: string; pseudonym: string }[]).map((p) => [p.id, p]),
  );
  const labels = speakerLabels(db, documentIds);
  const make = (unitId: string | null, documentId: string, start: number, end: number, condensed: string): Passage | null => {
    const d = docs.get(documentId);
    if (!d) return null;
    const p = study.speakerAt(study.documentIndex.get(documentId) ?? -1, start);
    const person = p >= 0 ? people.get(study.participantIds[p]) : undefined;
    return {
      unitId,
      documentId,
      documentTitle: d.title,
      start,
      end,
      text: d.text.slice(start, end),
      condensed,
      speaker: person?.label ?? labelAt(labels.get(documentId), start),
      pseudonym: person?.pseudonym || null,
    };
  };
  const out = [
    ...units.map((u) => make(u.id, u.documentId, u.start, u.end, u.condensed)),
    ...ranges.map((r) => make(null, r.documentId, r.start, Math.max(r.start, r.end), '')),
  ].filter((p): p is Passage => p !== null);
  const order = (p: Passage) => docs.get(p.documentId)!.sort;
  return out.sort((a, b) => order(a) - order(b) || a.documentTitle.localeCompare(b.documentTitle) || a.start - b.start || a.end - b.end);
}

interface LabelledTurn {
  readonly start: number;
  readonly end: number;
  readonly label: string | null;
}

/** Turns as spoken ("P3:"), for passages whose speaker is not mapped to a participant. */
function speakerLabels(db: Database.Database, documentIds: readonly string[]): Map<string, LabelledTurn[]> {
  const rows = stmt(
    db,
    `SELECT document_id AS d, start, "end", speaker_label AS label FROM turns WHERE document_id IN (SELECT value FROM json_each(?)) ORDER BY document_id, start`,
  ).all(JSON.stringify(documentIds)) as { d: string; start: number; end: number; label: string | null }[];
  const map = new Map<string, LabelledTurn[]>();
  for (const r of rows) map.set(r.d, [...(map.get(r.d) ?? []), r]);
  return map;
}

function labelAt(turns: readonly LabelledTurn[] | undefined, offset: number): string | null {
  return turns?.find((t) => t.start <= offset && offset < t.end)?.label ?? null;
}
