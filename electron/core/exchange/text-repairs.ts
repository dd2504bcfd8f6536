import { editBetween, mapRange, type TextEdit } from '../../../shared/domain/text-edits';
import type { Row, TableRows } from './snapshot';

// A coder copy's rows count offsets in the copy's text. When either side repaired a transcript
// after the hand-out, the copy's rows (and the base's) are first carried into this study's text
// through the same offset mapping the repairs use, so a coding made there lands on the same words
// here. A repair made in the copy (its text or its turns) is never applied over this study's
// transcript, nor dropped: the merge reports it as a conflict and keeps it in a memo.

/** Tables whose rows anchor a document's text by offsets (see transcript-repair-repo's list). */
const ANCHORED_TABLES = ['turns', 'meaning_units', 'codings', 'resolutions'] as const;

export interface RepairThere {
  readonly documentId: string;
  readonly title: string;
  /** The corrected stretch, quoted: as the base had it, as this study has it, as the copy has it. */
  readonly text: { readonly base: string | null; readonly ours: string; readonly theirs: string } | null;
  /** What the copy did to the turns, in words. */
  readonly turns: readonly string[];
}

type Tables = Map<string, TableRows>;

// Row ids per document, per table of a side: one pass over a table instead of one per document.
const idsByDocument = new WeakMap<TableRows, Map<unknown, string[]>>();

function docRows(tables: Tables, table: string, documentId: string): Row[] {
  const rows = tables.get(table);
  if (!rows) return [];
  let groups = idsByDocument.get(rows);
  if (!groups) {
    groups = new Map();
    for (const [id, r] of rows) {
      const list = groups.get(r.document_id);
      if (list) list.push(id);
      else groups.set(r.document_id, [id]);
    }
    idsByDocument.set(rows, groups);
  }
  return (groups.get(documentId) ?? []).flatMap((id) => {
    const r = rows.get(id);
    return r && r.document_id === documentId ? [r] : [];
  });
}

/** Moves a side's anchored rows of one document through the edit from its text to ours. */
function carry(tables: Tables, documentId: string, edit: TextEdit | null): void {
  if (!edit) return;
  for (const table of ANCHORED_TABLES) {
    const rows = tables.get(table);
    if (!rows) continue;
    for (const r of docRows(tables, table, documentId)) {
      if (typeof r.start !== 'number' || typeof r.end !== 'number') continue;
      const m = mapRange(edit, { start: r.start, end: r.end });
      // A range that lay wholly inside the other side's rewritten words has no place here; it stays, and differs.
      if (m.end > m.start || r.end === r.start) rows.set(String(r.id), { ...r, start: m.start, end: m.end });
    }
  }
}

function quoteAround(text: string, edit: TextEdit | null, context = 30): string {
  if (!edit) return '';
  const from = Math.max(0, edit.start - context);
  const to = Math.min(text.length, edit.end + context);
  return `${from > 0 ? '…' : ''}${text.slice(from, to).replace(/\s+/g, ' ')}${to < text.length ? '…' : ''}`;
}

function excerpt(text: string, r: Row): string {
  const words = text.slice(Number(r.start), Number(r.end)).replace(/\s+/g, ' ').trim();
  return words.length > 40 ? `${words.slice(0, 39)}…` : words;
}

function turnChanges(ourText: string, before: readonly Row[], after: readonly Row[], speaker: (id: unknown) => string): string[] {
  const was = new Map(before.map((r) => [String(r.id), r]));
  const now = new Map(after.map((r) => [String(r.id), r]));
  const out: string[] = [];
  for (const [id, r] of now) {
    const b = was.get(id);
    if (!b) out.push(`a new turn from “${excerpt(ourText, r)}” (${r.not_speech ? 'not speech' : speaker(r.participant_id) || String(r.speaker_label ?? 'no speaker')})`);
    else {
      if (b.participant_id !== r.participant_id) out.push(`the turn “${excerpt(ourText, r)}” given to ${speaker(r.participant_id) || 'nobody'}`);
      if ((b.not_speech ?? 0) !== (r.not_speech ?? 0)) out.push(`“${excerpt(ourText, r)}” marked as ${r.not_speech ? 'not speech' : 'speech'}`);
      if (b.start !== r.start || b.end !== r.end) out.push(`the turn “${excerpt(ourText, b)}” now “${excerpt(ourText, r)}”`);
    }
  }
  for (const [id, b] of was) if (!now.has(id)) out.push(`the turn “${excerpt(ourText, b)}” merged into another`);
  return out;
}

/**
 * Carries the copy's and the base's rows into this study's texts, and takes the copy's own repairs
 * out of what is merged (they come back as RepairThere, for the conflict list and a memo). Works on
 * the maps in place; `ours` is only read.
 */
export function alignTranscripts(ours: Tables, theirs: Tables, base: Tables | null): RepairThere[] {
  const repairs: RepairThere[] = [];
  const people = (id: unknown) => String(ours.get('participants')?.get(String(id))?.label ?? theirs.get('participants')?.get(String(id))?.label ?? '');
  for (const [documentId, o] of ours.get('documents') ?? []) {
    const t = theirs.get('documents')?.get(documentId);
    if (!t) continue;
    const b = base?.get('documents')?.get(documentId);
    const ourText = String(o.text);
    const theirText = String(t.text);
    const baseText = b ? String(b.text) : null;
    const theirEdit = editBetween(theirText, ourText);
    carry(theirs, documentId, theirEdit);
    if (base && baseText !== null) carry(base, documentId, editBetween(baseText, ourText));
    const textRepaired = baseText === null ? theirText !== ourText : theirText !== baseText;
    // Turns written before not_speech existed read as speech.
    for (const r of docRows(base ?? new Map(), 'turns', documentId)) if (r.not_speech === undefined) base?.get('turns')?.set(String(r.id), { ...r, not_speech: 0 });
    const reference = base ? docRows(base, 'turns', documentId) : docRows(ours, 'turns', documentId);
    const turns = turnChanges(ourText, reference, docRows(theirs, 'turns', documentId), people);
    if (textRepaired || turns.length > 0) {
      const repairEdit = baseText === null ? editBetween(ourText, theirText) : editBetween(baseText, theirText);
      repairs.push({
        documentId,
        title: String(o.title),
        text: textRepaired
          ? {
              base: baseText === null ? null : quoteAround(baseText, repairEdit),
              ours: quoteAround(ourText, baseText === null ? repairEdit : editBetween(baseText, ourText) ?? repairEdit),
              theirs: quoteAround(theirText, repairEdit && { ...repairEdit, end: repairEdit.start + repairEdit.text.length }),
            }
          : null,
        turns,
      });
      // This study's transcript stands: its text and turns are merged as they are here.
      theirs.get('documents')?.set(documentId, { ...t, text: o.text });
      if (b) base?.get('documents')?.set(documentId, { ...b, text: o.text });
      for (const side of base ? [theirs, base] : [theirs]) {
        const rows = side.get('turns');
        if (!rows) continue;
        for (const r of docRows(side, 'turns', documentId)) rows.delete(String(r.id));
        for (const r of docRows(ours, 'turns', documentId)) rows.set(String(r.id), { ...r });
        idsByDocument.delete(rows);
      }
    }
  }
  return repairs;
}
