import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { LevelBasis, LevelMode, RefiImportReport, RefiReportItem } from '../../../shared/api/methods/refi';
import { EXAMPLE_MEMO_TITLE } from '../repos/codebook-repo';
import { stripBom } from '../../../shared/domain/offsets';
import { decodeText } from '../../../shared/text/decode';
import { ATTRIBUTE_TYPES, recordWords, type AttributeType, type Methodology, type NodeLevel } from '../../../shared/domain/vocabulary';
import { initialsOf } from '../repos/coders-repo';
import { fillInBulk } from '../store/search-schema';
import { nowIso, stmt } from '../store/statements';
import type { TaskStep } from '../tasks';
import {
  CONDENSATION_NOTE_NAME,
  CondensaRecord,
  INTERPRETATION_NOTE_NAME,
  OFFSET_COLUMNS,
  RECORD_FORMAT,
  RECORD_NOTE_NAME,
  RECORD_TABLES,
  UNIT_SELECTION_NAME,
} from './convention';
import { levelSentence, planLevels, walkCodes, type LevelChoice, type LevelPlan } from './levels';
import { allCodes, type RefiCode, type RefiCoding, type RefiNote, type RefiProject, type RefiSelection, type RefiTextSource, type RefiVariableValue } from './model';
import { detectInterpretation, prepareText, toDocumentOffset, toDocumentRange, type Interpretation, type PreparedText } from './positions';
import type { RefiCodebook, ReadNotes } from './read-qde';
import { ReportBuilder } from './report';

/** Where the files a project points to come from (the archive, read in memory). */
export interface PackageFiles {
  /** The bytes behind a plainTextPath (or the conventional sources/<guid>.txt), 'outside' for paths outside the archive, null when missing. */
  find(path: string | null, guid: string): Uint8Array | 'outside' | null;
}

type Row = Record<string, string | number | null>;

export interface ImportPlan {
  readonly project: { readonly id: string | null; readonly title: string; readonly description: string; readonly settings: Row };
  /** Rows per table, in an order that satisfies every foreign key. */
  readonly tables: readonly { readonly table: string; readonly rows: readonly Row[]; readonly optional?: boolean }[];
  readonly report: RefiImportReport;
  /** The imported file's name, as the audit log tells where the project came from. */
  readonly source: string;
}

const PALETTE = ['#2f6fdf', '#d9480f', '#2b8a3e', '#862e9c', '#c2255c', '#0b7285', '#e67700', '#5c940d', '#364fc7', '#a61e4d'];
const KNOWN_TOOLS = ['atlas.ti', 'nvivo', 'maxqda', 'qualcoder', 'taguette', 'f4analyse', 'quirkos', 'dedoose', 'transana'];

/** Unique ids per table: a GUID used twice (it happens) gets a fresh id for its second use. */
export class Ids {
  private readonly used = new Map<string, Set<string>>();
  repaired = 0;

  claim(table: string, guid: string): string {
    let set = this.used.get(table);
    if (!set) this.used.set(table, (set = new Set()));
    const before = set.size;
    if (set.add(guid).size > before) return guid;
    this.repaired += 1;
    const fresh = randomUUID();
    set.add(fresh);
    return fresh;
  }
}

function uniqueName(taken: Set<string>, name: string): string {
  let candidate = name;
  for (let i = 2; taken.has(candidate.toLowerCase()); i += 1) candidate = `${name} (${i})`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

export function findRecord(project: RefiProject, report: ReportBuilder): { record: CondensaRecord | null; noteGuid: string | null } {
  for (const note of project.notes) {
    const content = note.plainTextContent ?? '';
    if (note.name !== RECORD_NOTE_NAME && !content.includes(`"format":"${RECORD_FORMAT}"`)) continue;
    try {
      const parsed = CondensaRecord.safeParse(JSON.parse(content));
      if (parsed.success) return { record: parsed.data, noteGuid: note.guid };
    } catch {
      // Falls through to the report line below.
    }
    report.add('skipped', 'The Condensa exchange record in this file could not be read; the project was imported as from any other program');
    return { record: null, noteGuid: note.guid };
  }
  return { record: null, noteGuid: null };
}

/** A selection named "Meaning unit" is one; its notes named Condensation and Interpretation (not memos) hold its texts. */
function unitByConvention(sel: RefiSelection, notes: ReadonlyMap<string, RefiNote>, record: CondensaRecord | null): { condensation: string | null; interpretation: string | null } {
  const named = (name: string) => sel.noteRefs.find((g) => notes.get(g)?.name === name && !record?.memos[g]) ?? null;
  return { condensation: named(CONDENSATION_NOTE_NAME), interpretation: named(INTERPRETATION_NOTE_NAME) };
}

// Most codings of a project share a few timestamps: the last one checked is remembered.
let lastIso: string | null = null;

function isoOr(value: string | null | undefined, fallback: string): string {
  if (!value) return fallback;
  if (value === lastIso) return value;
  if (Number.isNaN(Date.parse(value))) return fallback;
  lastIso = value;
  return value;
}

function valueText(v: RefiVariableValue): string {
  if (v.kind === 'BooleanValue') return /^(true|1)$/i.test(v.value.trim()) ? 'true' : 'false';
  if (v.kind === 'TextValue') return v.value;
  return v.value.trim();
}

function attributeType(refiType: string): AttributeType {
  if (refiType === 'Boolean') return 'boolean';
  if (refiType === 'Integer' || refiType === 'Float') return 'number';
  if (refiType === 'Date') return 'date';
  return 'text';
}

function decodeSource(bytes: Uint8Array): string | null {
  try {
    return stripBom(decodeText(bytes).text);
  } catch {
    return null;
  }
}

interface LoadedSource {
  readonly source: RefiTextSource;
  readonly text: PreparedText;
  readonly documentId: string;
}

/** Plans a whole-project import: every row to insert and the report, without touching a database. */
export interface ImportOptions {
  readonly methodology?: Methodology;
  readonly levels?: LevelMode;
  readonly levelOverrides?: Readonly<Record<string, NodeLevel>>;
}

/** The level rule for a project file: its record's method (a Condensa export), else the one asked for. */
export function projectLevels(project: RefiProject, record: CondensaRecord | null, options: ImportOptions): LevelPlan {
  const methodology = options.methodology ?? record?.project.methodology ?? 'content-analysis';
  return planLevels(project.codes, record, { mode: options.levels ?? 'auto', methodology, overrides: options.levelOverrides });
}

export function planProjectImport(project: RefiProject, files: PackageFiles, readNotes: ReadNotes, fileName: string, options: ImportOptions = {}): ImportPlan {
  const { methodology } = options;
  const report = new ReportBuilder(project.origin);
  const ids = new Ids();
  const now = nowIso();
  const { record, noteGuid: recordNoteGuid } = findRecord(project, report);
  report.fromCondensa = record !== null;
  if (readNotes.repairedGuids) report.add('converted', 'Elements without a valid GUID were given a new one', readNotes.repairedGuids);
  for (const [element, n] of Object.entries(project.unsupported)) {
    report.add('skipped', `${element} elements are not imported (Condensa works with text sources)`, n);
  }

  const notesByGuid = new Map(project.notes.map((n) => [n.guid, n]));
  const noteText = (n: RefiNote): string => {
    if (n.plainTextContent !== null) return n.plainTextContent;
    if (n.plainTextPath) {
      const bytes = files.find(n.plainTextPath, n.guid);
      if (bytes instanceof Uint8Array) return decodeSource(bytes) ?? '';
    }
    return n.description ?? '';
  };

  // ---- coders --------------------------------------------------------------------------------
  const authored = new Set<string>();
  for (const s of project.sources) {
    for (const sel of s.selections) for (const c of sel.codings) authored.add(c.creatingUser ?? sel.creatingUser ?? '');
    for (const c of s.codings) authored.add(c.creatingUser ?? '');
  }
  for (const n of project.notes) if (n.creatingUser) authored.add(n.creatingUser);
  const originName = (project.origin ?? '').toLowerCase();
  const coders: Row[] = [];
  const coderIds = new Map<string, string>();
  const addCoder = (guid: string | null, name: string): string => {
    const id = ids.claim('coders', guid ?? randomUUID());
    const rec = guid ? record?.coders[guid] : undefined;
    coders.push({
      id,
      name: name.trim() || 'Unnamed coder',
      initials: rec?.initials ?? initialsOf(name || 'Coder'),
      colour: rec?.colour ?? PALETTE[coders.length % PALETTE.length],
      role: rec?.role ?? 'coder',
      created_at: rec?.createdAt ?? now,
    });
    if (guid) coderIds.set(guid, id);
    return id;
  };
  for (const u of project.users) {
    const lower = u.name.trim().toLowerCase();
    const pseudo = !authored.has(u.guid) && lower !== '' && (originName.split(/\s+/)[0] === lower || KNOWN_TOOLS.includes(lower));
    if (pseudo && !record) {
      report.add('skipped', `The program’s own user “${u.name}” was not made a coder (it coded nothing)`);
      continue;
    }
    addCoder(u.guid, u.name);
  }
  let fallbackCoder: string | null = null;
  const coderFor = (guid: string | null): string => {
    if (guid && coderIds.has(guid)) return coderIds.get(guid)!;
    if (guid) {
      report.add('converted', 'Codings by a user missing from <Users> were given a coder named after the user’s GUID');
      return addCoder(guid, `Coder ${guid.slice(0, 8)}`);
    }
    if (!fallbackCoder) {
      const creator = project.creatingUser ? coderIds.get(project.creatingUser) : undefined;
      fallbackCoder = creator ?? (coders.length === 1 ? (coders[0].id as string) : addCoder(null, 'Imported coder'));
    }
    report.add('converted', 'Codings that name no coder were assigned to the project’s creator (or “Imported coder”)');
    return fallbackCoder;
  };

  // ---- codebook ------------------------------------------------------------------------------
  const codePlan = planCodes(project.codes, ids, record, now, report, projectLevels(project, record, options));
  const memoTargets: { note: string; targetType: string; targetId: string }[] = [];
  for (const c of allCodes(project.codes)) {
    const nodeId = codePlan.idOf.get(c.guid);
    if (nodeId) for (const n of c.noteRefs) memoTargets.push({ note: n, targetType: 'node', targetId: nodeId });
  }

  // ---- sets → document groups ------------------------------------------------------------------
  const groups: Row[] = [];
  const groupOf = new Map<string, string>();
  const groupNames = new Set<string>();
  project.sets.forEach((s, i) => {
    if (s.memberSources.length === 0) {
      report.add('skipped', 'Sets of codes or notes are not imported (Condensa groups documents only)');
      return;
    }
    const id = ids.claim('document_groups', s.guid);
    groups.push({ id, name: uniqueName(groupNames, s.name || 'Group'), sort: record?.groups[s.guid]?.sort ?? i + 1 });
    for (const src of s.memberSources) {
      if (groupOf.has(src)) report.add('skipped', 'A document in several sets was put in the first set only (a document has one group)');
      else groupOf.set(src, id);
    }
  });

  // ---- variables → attributes ----------------------------------------------------------------
  const attributes: Row[] = [];
  const attributeIds = new Map<string, string>();
  const attributeNames = new Set<string>();
  project.variables.forEach((v, i) => {
    const rec = record?.attributes[v.guid];
    const choicesMatch = /^Choices: (.+)$/.exec(v.description ?? '');
    const type: AttributeType = rec?.type ?? (choicesMatch ? 'choice' : attributeType(v.type));
    const choices = rec?.choices ?? (choicesMatch ? choicesMatch[1].split(' | ') : []);
    const id = ids.claim('attributes', v.guid);
    attributeIds.set(v.guid, id);
    attributes.push({ id, name: uniqueName(attributeNames, v.name || 'Attribute'), type: ATTRIBUTE_TYPES.includes(type) ? type : 'text', choices: JSON.stringify(choices), sort: rec?.sort ?? i });
  });

  // ---- cases → participants --------------------------------------------------------------------
  const participants: Row[] = [];
  const values: Row[] = [];
  const participantIds = new Map<string, string>();
  project.cases.forEach((c, i) => {
    const rec = record?.participants[c.guid];
    const id = ids.claim('participants', c.guid);
    participantIds.set(c.guid, id);
    participants.push({
      id,
      label: c.name ?? `Case ${i + 1}`,
      pseudonym: rec?.pseudonym ?? '',
      notes: c.description ?? '',
      sort: rec?.sort ?? i,
      created_at: rec?.createdAt ?? now,
    });
    const seen = new Set<string>();
    for (const v of c.values) {
      const attributeId = attributeIds.get(v.variable);
      if (!attributeId) {
        report.add('skipped', 'Case values of a variable that is not declared were skipped');
        continue;
      }
      if (seen.has(attributeId)) {
        report.add('skipped', 'A second value of the same variable for one case was skipped');
        continue;
      }
      seen.add(attributeId);
      values.push({ id: randomUUID(), participant_id: id, attribute_id: attributeId, value: valueText(v) });
    }
  });
  report.count('participants', participants.length);
  report.count('attributes', attributes.length);

  // ---- sources → documents -------------------------------------------------------------------
  const variableNames = new Map(project.variables.map((v) => [v.guid, v.name]));
  const loaded: LoadedSource[] = [];
  const documents: Row[] = [];
  project.sources.forEach((source, i) => {
    let raw: string | null = source.plainTextContent;
    if (raw === null) {
      const bytes = files.find(source.plainTextPath, source.guid);
      if (bytes === 'outside') {
        report.add('skipped', `Source “${source.name ?? source.guid}” was skipped: its text is outside the archive (${source.plainTextPath ?? 'no path'})`);
        return;
      }
      if (bytes === null) {
        report.add('skipped', `Source “${source.name ?? source.guid}” was skipped: the archive has no plain-text file for it`);
        return;
      }
      raw = decodeSource(bytes);
      if (raw === null) {
        report.add('skipped', `Source “${source.name ?? source.guid}” was skipped: its text file is not readable text`);
        return;
      }
    } else raw = stripBom(raw);
    const text = prepareText(raw);
    const documentId = ids.claim('documents', source.guid);
    const rec = record?.documents[source.guid];
    const extraNotes = source.values.map((v) => `${variableNames.get(v.variable) ?? 'Variable'}: ${valueText(v)}`);
    if (extraNotes.length) report.add('converted', 'Document variables were kept as lines in the document’s notes (Condensa keeps attributes on participants)', extraNotes.length);
    documents.push({
      id: documentId,
      title: source.name ?? `Source ${i + 1}`,
      kind: rec?.kind ?? 'interview',
      text: text.text,
      source_name: rec ? rec.sourceName : (source.plainTextPath ?? null),
      source_format: rec ? rec.sourceFormat : 'refi-qda',
      group_id: groupOf.get(source.guid) ?? null,
      session_name: rec?.sessionName ?? '',
      session_date: rec?.sessionDate ?? null,
      facilitator: rec?.facilitator ?? '',
      duration_minutes: rec?.durationMinutes ?? null,
      reference: rec?.reference ?? null,
      notes: [source.description ?? '', ...extraNotes].filter(Boolean).join('\n'),
      sort: rec?.sort ?? i,
      created_at: rec?.createdAt ?? isoOr(source.creationDateTime, now),
    });
    if (text.raw !== text.text) report.add('converted', 'Sources with CRLF or CR newlines were stored with LF newlines; every position was mapped through the change', 1);
    if (source.plainTextPath === null && source.plainTextContent === null) report.add('note', 'A source without plainTextPath was read from sources/<GUID>.txt');
    if (source.richTextPath) report.add('note', 'Rich-text copies of sources (.docx) were left aside: Condensa uses the plain text that the positions refer to');
    for (const n of source.noteRefs) memoTargets.push({ note: n, targetType: 'document', targetId: documentId });
    loaded.push({ source, text, documentId });
  });
  report.count('documents', documents.length);

  // ---- positions -----------------------------------------------------------------------------
  const detection = detectInterpretation(
    loaded.map((l) => ({ text: l.text, ranges: l.source.selections.map((s) => [s.start, s.end] as const) })),
    record ? 'Condensa' : project.origin,
  );
  const how: Interpretation = detection.chosen;
  if (detection.selections > 0) {
    report.positions = { ...detection.chosen, selections: detection.selections, onWordBoundaries: detection.onWordBoundaries, explanation: detection.explanation };
  }

  // ---- selections → meaning units and codings ------------------------------------------------
  const units: Row[] = [];
  const codings: Row[] = [];
  const turns: Row[] = [];
  // Per unit, the code and coder of each of its codings (a unit holds a handful): no key string per coding.
  const unitCodings = new Map<string, string[]>();
  const selectionRange = new Map<string, { documentId: string; start: number; end: number }>();
  const condensationNotes = new Set<string>();
  const caseSelections = new Set(project.cases.flatMap((c) => c.selectionRefs));
  const unitBySelection = new Map<string, string>();
  const passageNotes: PassageNote[] = [];
  const unitByRange = new Map<string, string>();
  const codingRow = (c: RefiCoding, selection: RefiSelection | null, documentId: string, unitId: string | null, start: number | null, end: number | null): string | null => {
    const codeId = codePlan.idOf.get(c.codeRef);
    if (!codeId) {
      report.add('skipped', 'Codings of a code that is not in the codebook were skipped');
      return null;
    }
    const coderId = coderFor(c.creatingUser ?? selection?.creatingUser ?? null);
    if (unitId) {
      const held = unitCodings.get(unitId);
      if (!held) unitCodings.set(unitId, [codeId, coderId]);
      else {
        for (let k = 0; k < held.length; k += 2) {
          if (held[k] === codeId && held[k + 1] === coderId) {
            report.add('skipped', 'A code applied twice to the same meaning unit by the same coder was kept once');
            return null;
          }
        }
        held.push(codeId, coderId);
      }
    }
    const id = ids.claim('codings', c.guid);
    codings.push({ id, code_id: codeId, coder_id: coderId, document_id: documentId, unit_id: unitId, start, end, created_at: isoOr(c.creationDateTime, now) });
    for (const n of c.noteRefs) memoTargets.push({ note: n, targetType: 'coding', targetId: id });
    return id;
  };

  for (const { source, text, documentId } of loaded) {
    for (const sel of source.selections) {
      const range = toDocumentRange(text, how, sel.start, sel.end);
      if (!range.ok) {
        report.add('skipped', range.reason === 'outside' ? 'Selections that start beyond the end of their source were skipped' : 'Empty selections were skipped');
        continue;
      }
      if (range.clamped) report.add('converted', 'Selections running past the end of their source were cut at its end');
      // Only selections a case names become turns (see planCaseTurns).
      if (caseSelections.has(sel.guid)) selectionRange.set(sel.guid, { documentId, start: range.start, end: range.end });
      const unitRec = sel.name === UNIT_SELECTION_NAME ? unitByConvention(sel, notesByGuid, record) : undefined;
      // Another coder's selection over a unit already read: the record names it; without the record,
      // a unit selection over the very same range and without texts of its own is the same unit.
      const rangeKey = record ? '' : `${documentId}:${range.start}:${range.end}`;
      const sameUnit = unitRec
        ? record
          ? unitBySelection.get(record.unitSelections?.[sel.guid] ?? '')
          : !unitRec.condensation && !unitRec.interpretation
            ? unitByRange.get(rangeKey)
            : undefined
        : undefined;
      if (sameUnit) {
        for (const c of sel.codings) codingRow(c, sel, documentId, sameUnit, null, null);
        for (const n of sel.noteRefs) memoTargets.push({ note: n, targetType: 'unit', targetId: sameUnit });
        continue;
      }
      if (unitRec) {
        const unitId = ids.claim('meaning_units', sel.guid);
        unitBySelection.set(sel.guid, unitId);
        if (!record && !unitByRange.has(rangeKey)) unitByRange.set(rangeKey, unitId);
        const note = (g: string | null) => {
          if (!g) return '';
          condensationNotes.add(g);
          const n = notesByGuid.get(g);
          return n ? noteText(n) : '';
        };
        units.push({ id: unitId, document_id: documentId, start: range.start, end: range.end, condensed: note(unitRec.condensation), interpretive: note(unitRec.interpretation) });
        for (const c of sel.codings) codingRow(c, sel, documentId, unitId, null, null);
        for (const n of sel.noteRefs) if (!condensationNotes.has(n)) memoTargets.push({ note: n, targetType: 'unit', targetId: unitId });
        continue;
      }
      const made = sel.codings.map((c) => codingRow(c, sel, documentId, null, range.start, range.end)).filter((id): id is string => id !== null);
      // A note stays on its passage: on the coding there, else on the unit over the passage (found below).
      const onPassage = (note: string) =>
        made.length ? memoTargets.push({ note, targetType: 'coding', targetId: made[0] }) : passageNotes.push({ note, documentId, start: range.start, end: range.end });
      sel.noteRefs.forEach(onPassage);
      if (sel.description) {
        onPassage(`selection:${sel.guid}`);
        notesByGuid.set(`selection:${sel.guid}`, {
          guid: randomUUID(),
          name: sel.name,
          description: null,
          plainTextContent: sel.description,
          plainTextPath: null,
          creatingUser: sel.creatingUser,
          creationDateTime: sel.creationDateTime,
          modifiedDateTime: null,
        });
        report.add('converted', 'Descriptions of selections became memos');
      }
      if (sel.codings.length === 0 && sel.noteRefs.length === 0 && !sel.description && !caseSelections.has(sel.guid)) {
        report.add('skipped', 'Selections with no coding, note or case were skipped (there is nothing to attach to them)');
      }
    }
    for (const c of source.codings) {
      if (text.text.length === 0) continue;
      codingRow(c, null, documentId, null, 0, text.text.length);
      report.add('converted', 'Codings of a whole source became codings of the whole document text');
    }
  }
  // Notes that will not become memos (missing, or without any text) make no unit either.
  const memoWorthy = (g: string) => {
    const n = notesByGuid.get(g);
    return n !== undefined && (record?.memos[g] !== undefined || !!n.name?.trim() || noteText(n).trim() !== '');
  };
  placePassageNotes(
    passageNotes.filter((p) => memoWorthy(p.note)),
    units,
    memoTargets,
    report,
  );
  for (const p of passageNotes) if (!memoWorthy(p.note)) memoTargets.push({ note: p.note, targetType: 'document', targetId: p.documentId });
  report.count('meaningUnits', units.length);
  const unitIds = new Set(units.map((u) => u.id as string));
  report.count('codings', codings.length);

  // ---- turns ----------------------------------------------------------------------------------
  const documentById = new Map(loaded.map((l) => [l.source.guid, l]));
  if (record) {
    for (const [docGuid, list] of Object.entries(record.turns)) {
      const l = documentById.get(docGuid);
      if (!l) continue;
      for (const t of list) {
        const start = toDocumentOffset(l.text, how, t.start);
        const end = toDocumentOffset(l.text, how, t.end);
        if (start === null || end === null || end < start) {
          report.add('skipped', 'Speaker turns outside their document were skipped');
          continue;
        }
        turns.push({
          id: ids.claim('turns', t.id),
          document_id: l.documentId,
          participant_id: t.participantId ? (participantIds.get(t.participantId) ?? null) : null,
          speaker_label: t.speakerLabel,
          start,
          end,
          timestamp: t.timestamp,
          is_facilitator: t.isFacilitator ? 1 : 0,
        });
      }
    }
  } else {
    planCaseTurns(project, participantIds, selectionRange, documentById, turns, report);
  }
  report.count('turns', turns.length);

  // ---- notes → memos and journal ----------------------------------------------------------------
  const memos: Row[] = [];
  const journal: Row[] = [];
  const memoRow = (n: RefiNote, id: string, targetType: string, targetId: string): Row => ({
    id,
    target_type: targetType,
    target_id: targetId,
    title: n.name ?? '',
    body: noteText(n),
    author_id: n.creatingUser ? (coderIds.get(n.creatingUser) ?? null) : null,
    created_at: isoOr(n.creationDateTime, now),
    updated_at: isoOr(n.modifiedDateTime, isoOr(n.creationDateTime, now)),
  });
  const projectTarget = record?.project.id ?? '__project__';
  const exact = new Map<string, { targetType: string; targetId: string }>();
  if (record) for (const [g, m] of Object.entries(record.memos)) exact.set(g, m);
  // Each note's targets in the order they were found, and the project's notes: looked up per note, not searched.
  const targetsOf = new Map<string, { note: string; targetType: string; targetId: string }[]>();
  for (const t of memoTargets) {
    const list = targetsOf.get(t.note);
    if (list) list.push(t);
    else targetsOf.set(t.note, [t]);
  }
  const projectNotes = new Set(project.noteRefs);
  for (const n of project.notes) {
    if (n.guid === recordNoteGuid || condensationNotes.has(n.guid)) continue;
    if (record?.journal[n.guid]) {
      journal.push({
        id: ids.claim('journal_entries', n.guid),
        entry_date: record.journal[n.guid].date,
        body: noteText(n),
        author_id: n.creatingUser ? (coderIds.get(n.creatingUser) ?? null) : null,
        created_at: isoOr(n.creationDateTime, now),
        updated_at: isoOr(n.modifiedDateTime, now),
      });
      continue;
    }
    const known = exact.get(n.guid);
    if (!known && !n.name?.trim() && !noteText(n).trim()) {
      report.add('skipped', 'Notes without any text were not made memos', 1);
      continue;
    }
    if (known) {
      memos.push(memoRow(n, ids.claim('memos', n.guid), known.targetType, known.targetId));
      continue;
    }
    const targets = [...(targetsOf.get(n.guid) ?? [])];
    if (projectNotes.has(n.guid)) targets.unshift({ note: n.guid, targetType: 'project', targetId: projectTarget });
    if (targets.length === 0) {
      targets.push({ note: n.guid, targetType: 'project', targetId: projectTarget });
      report.add('converted', 'Notes attached to nothing became project memos');
    }
    targets.forEach((t, k) => memos.push(memoRow(n, ids.claim('memos', k === 0 ? n.guid : randomUUID()), t.targetType, t.targetId)));
    if (targets.length > 1) report.add('converted', 'A note attached to several things became one memo on each', targets.length - 1);
  }
  for (const t of memoTargets) {
    if (!t.note.startsWith('selection:')) continue;
    memos.push(memoRow(notesByGuid.get(t.note)!, ids.claim('memos', randomUUID()), t.targetType, t.targetId));
  }
  for (const t of memoTargets) {
    if (!t.note.startsWith('selection:') && !notesByGuid.has(t.note)) report.add('skipped', 'References to notes that the file does not contain were skipped');
  }
  report.count('memos', memos.length);
  if (journal.length) report.count('journalEntries', journal.length);

  // ---- the record's own tables ---------------------------------------------------------------
  const extra: { table: string; rows: Row[]; optional: boolean }[] = [];
  if (record) {
    for (const table of RECORD_TABLES) {
      const rows = (record.tables[table] ?? []).map((r) => {
        const out: Row = {};
        for (const [k, v] of Object.entries(r)) out[k] = typeof v === 'number' || typeof v === 'string' || v === null ? v : JSON.stringify(v);
        const doc = typeof out.document_id === 'string' ? documentById.get(out.document_id) : undefined;
        for (const col of OFFSET_COLUMNS[table] ?? []) {
          if (typeof out[col] === 'number' && doc) out[col] = toDocumentOffset(doc.text, how, out[col] as number);
        }
        return out;
      });
      if (rows.length) extra.push({ table, rows, optional: true });
    }
  }

  if (ids.repaired) report.add('converted', 'GUIDs used twice in the file were given fresh ids for their second use', ids.repaired);
  report.count('coders', coders.length);
  report.count('codes', codePlan.nodes.length);

  const settings: Row = record
    ? {
        methodology: methodology ?? record.project.methodology,
        blind: record.project.blind ? 1 : 0,
        agreement_enabled: record.project.agreementEnabled ? 1 : 0,
        allow_multiple_parents: record.project.allowMultipleParents ? 1 : 0,
        allow_units_across_turns: record.project.allowUnitsAcrossTurns ? 1 : 0,
      }
    : { methodology: methodology ?? 'content-analysis' };
  return {
    project: {
      id: record?.project.id ?? null,
      title: project.name.trim() || fileName.replace(/\.(qdpx|qde)$/i, '') || 'Imported project',
      description: project.description ?? '',
      settings,
    },
    tables: [
      { table: 'coders', rows: coders },
      { table: 'document_groups', rows: groups },
      { table: 'documents', rows: documents },
      { table: 'attributes', rows: attributes },
      { table: 'participants', rows: participants },
      { table: 'participant_values', rows: values },
      { table: 'turns', rows: turns },
      { table: 'meaning_units', rows: units },
      { table: 'codebook_nodes', rows: codePlan.nodes.map((n) => ({ ...n, example_unit_id: unitIds.has(codePlan.examples.get(n.id as string) ?? '') ? codePlan.examples.get(n.id as string)! : null })) },
      { table: 'codebook_links', rows: codePlan.links },
      { table: 'codings', rows: codings },
      { table: 'memos', rows: memos },
      { table: 'journal_entries', rows: journal },
      ...extra,
    ],
    report: report.build(),
    source: fileName,
  };
}


interface PassageNote {
  readonly note: string;
  readonly documentId: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Notes on passages nobody coded: a memo on the meaning unit over exactly that passage, else on the
 * smallest unit holding it, else on a new unit over the passage (Condensa's memos hang on units, not spans).
 */
function placePassageNotes(notes: readonly PassageNote[], units: Row[], memoTargets: { note: string; targetType: string; targetId: string }[], report: ReportBuilder): void {
  let onUnits = 0;
  const made = new Set<Row>();
  for (const p of notes) {
    const holding = units.filter((u) => u.document_id === p.documentId && (u.start as number) <= p.start && (u.end as number) >= p.end);
    const exact = holding.find((u) => u.start === p.start && u.end === p.end);
    // A unit made for another note is reused only for the very same passage.
    const size = (u: Row) => (u.end as number) - (u.start as number);
    let unit = exact ?? holding.filter((u) => !made.has(u)).sort((a, b) => size(a) - size(b))[0];
    if (unit && !made.has(unit)) onUnits += 1;
    if (!unit) {
      unit = { id: randomUUID(), document_id: p.documentId, start: p.start, end: p.end, condensed: '', interpretive: '' };
      units.push(unit);
      made.add(unit);
    }
    memoTargets.push({ note: p.note, targetType: 'unit', targetId: unit.id as string });
  }
  if (onUnits) report.add('converted', 'Notes on passages became memos on the meaning units over those passages', onUnits);
  if (made.size) report.add('converted', 'Notes on passages no meaning unit covered became memos on new meaning units over those passages', made.size);
}

/** Without Condensa's turns, a case's selections become its turns; a case that owns a whole document gets one turn over it. */
function planCaseTurns(
  project: RefiProject,
  participantIds: ReadonlyMap<string, string>,
  selectionRange: ReadonlyMap<string, { documentId: string; start: number; end: number }>,
  documentById: ReadonlyMap<string, LoadedSource>,
  turns: Row[],
  report: ReportBuilder,
): void {
  const docsWithTurns = new Set<string>();
  for (const c of project.cases) {
    const participantId = participantIds.get(c.guid)!;
    for (const ref of c.selectionRefs) {
      const r = selectionRange.get(ref);
      if (!r) continue;
      docsWithTurns.add(r.documentId);
      turns.push({ id: randomUUID(), document_id: r.documentId, participant_id: participantId, speaker_label: c.name, start: r.start, end: r.end, timestamp: null, is_facilitator: 0 });
    }
  }
  if (turns.length) report.add('converted', 'Selections linked to a case became that participant’s turns', turns.length);
  const owners = new Map<string, string[]>();
  for (const c of project.cases) for (const s of c.sourceRefs) owners.set(s, [...(owners.get(s) ?? []), c.guid]);
  for (const [sourceGuid, caseGuids] of owners) {
    const l = documentById.get(sourceGuid);
    if (!l || docsWithTurns.has(l.documentId)) continue;
    if (caseGuids.length !== 1) {
      report.add('skipped', 'Several cases linked to the same whole document were not turned into turns (Condensa links participants to documents through their turns)');
      continue;
    }
    const c = project.cases.find((x) => x.guid === caseGuids[0])!;
    turns.push({ id: randomUUID(), document_id: l.documentId, participant_id: participantIds.get(c.guid)!, speaker_label: c.name, start: 0, end: l.text.text.length, timestamp: null, is_facilitator: 0 });
    report.add('converted', 'A case linked to a whole document became one turn over that document');
  }
}

interface CodePlan {
  readonly nodes: Row[];
  readonly links: Row[];
  readonly idOf: Map<string, string>;
  readonly examples: Map<string, string>;
  /** Every code of the file as placed: what the level preview shows. */
  readonly placed: readonly PlacedCode[];
}

export interface PlacedCode {
  readonly code: RefiCode;
  readonly parent: RefiCode | null;
  readonly depth: number;
  readonly id: string;
  readonly level: NodeLevel;
  readonly basis: LevelBasis;
  readonly match: 'new' | 'guid' | 'name';
}

/** The project a codebook is added to: its nodes by id, and by name when the user asked to merge by name. */
export interface ExistingNodes {
  readonly levels: ReadonlyMap<string, NodeLevel>;
  readonly byName: ReadonlyMap<string, { id: string; level: NodeLevel }> | null;
}

/** Codes → codebook nodes and parent links, with the levels `levels` chose. */
export function planCodes(codes: readonly RefiCode[], ids: Ids, record: CondensaRecord | null, now: string, report: ReportBuilder, levels: LevelPlan, existing?: ExistingNodes): CodePlan {
  const nodes: Row[] = [];
  const links: Row[] = [];
  const idOf = new Map<string, string>();
  const examples = new Map<string, string>();
  const placed: PlacedCode[] = [];
  // Links that repeat the file's own nesting: they win over the record's other links when those make a cycle.
  const nested = new Set<Row>();
  const colourOf = new Map<RefiCode, string>();
  const idOfCode = new Map<RefiCode, string>();
  let rootIndex = 0;
  let prefixed = 0;
  let sameGuid = 0;
  let sameName = 0;
  walkCodes(codes, (c, parent, depth, sort) => {
    if (!parent) rootIndex = sort;
    const parentId = parent ? (idOfCode.get(parent) ?? null) : null;
    const inherited = parent ? (colourOf.get(parent) ?? null) : null;
    const kept = existing?.levels.get(c.guid);
    const named = kept === undefined ? existing?.byName?.get(c.name.trim().toLowerCase()) : undefined;
    if (kept !== undefined || named) {
      // A code the project already has stays as it is; the file's codes under it go under it.
      const id = named ? named.id : c.guid;
      if (named) sameName += 1;
      else sameGuid += 1;
      idOf.set(c.guid, id);
      idOfCode.set(c, id);
      colourOf.set(c, c.color ?? inherited ?? PALETTE[rootIndex % PALETTE.length]);
      placed.push({ code: c, parent, depth, id, level: named ? named.level : kept!, basis: 'existing', match: named ? 'name' : 'guid' });
      return;
    }
    const id = ids.claim('codebook_nodes', c.guid);
    // A GUID used twice: codings that name it go to its first code.
    if (!idOf.has(c.guid)) idOf.set(c.guid, id);
    idOfCode.set(c, id);
    const guess = levels.guesses.get(c)!;
    const rec = record?.nodes[c.guid];
    if (guess.basis === 'description') prefixed += 1;
    const colour = c.color ?? rec?.colour ?? inherited ?? PALETTE[rootIndex % PALETTE.length];
    colourOf.set(c, colour);
    nodes.push({
      id,
      level: guess.level,
      name: (c.name || 'Unnamed code').slice(0, MAX_NAME),
      definition: guess.definition,
      inclusion: guess.inclusion,
      exclusion: guess.exclusion,
      colour,
      shortcut: rec?.shortcut ?? null,
      status: rec?.status ?? null,
      sort: rec?.sort ?? sort,
      created_at: rec?.createdAt ?? now,
    });
    placed.push({ code: c, parent, depth, id, level: guess.level, basis: guess.basis, match: 'new' });
    if (rec?.exampleUnitId) examples.set(id, rec.exampleUnitId);
    if (rec && rec.links.length) {
      for (const l of rec.links) {
        const link = { id: ids.claim('codebook_links', l.id), parent_id: l.parentId, child_id: id, sort: l.sort };
        links.push(link);
        if (l.parentId === parentId) nested.add(link);
      }
    } else if (parentId) {
      const link = { id: randomUUID(), parent_id: parentId, child_id: id, sort };
      links.push(link);
      nested.add(link);
    }
  });
  // Links to parents the file does not hold (a stale record) are dropped rather than failing.
  const known = new Set([...idOf.values(), ...idOfCode.values()]);
  const present = links.filter((l) => known.has(l.parent_id as string));
  if (present.length < links.length) report.add('skipped', 'Links to parent codes that are not in the file were skipped', links.length - present.length);
  const kept = withoutCycles(present, nested);
  if (kept.length < present.length) report.add('skipped', 'Parent links that would make a code its own ancestor were skipped', present.length - kept.length);
  const trimmed = nodes.filter((n) => (n.name as string).length === MAX_NAME).length;
  if (trimmed) report.add('converted', `Code names longer than ${MAX_NAME} characters were cut to that length`, trimmed, 'NAME_CUT');
  if (prefixed && !record) report.add('converted', 'Codes whose description starts with a level ([Category], [Theme]…) were given that level', prefixed);
  if (sameGuid) report.add('skipped', 'Codes already in this project (same GUID) were left as they are', sameGuid);
  if (sameName) report.add('converted', 'Codes with the name of a code already in this project were merged into it (it was left as it is)', sameName);
  const sentence = levelSentence(levels);
  if (sentence) report.add('note', sentence);
  if (levels.deeper) report.add('note', `Codes nested deeper than the method has levels were given its top level`, levels.deeper);
  const chosen = placed.filter((p) => p.basis === 'chosen').length;
  if (chosen) report.add('converted', 'Levels chosen in the preview were used', chosen);
  return { nodes, links: kept, idOf, examples, placed };
}

/** Parent links without those whose parent already sits below its child (a record can say anything); the file's nesting goes first. */
function withoutCycles(links: readonly Row[], first: ReadonlySet<Row>): Row[] {
  const parents = new Map<string, string[]>();
  const reaches = (from: string, to: string): boolean => {
    const stack = [from];
    const seen = new Set<string>();
    while (stack.length) {
      const at = stack.pop()!;
      if (at === to) return true;
      if (seen.has(at)) continue;
      seen.add(at);
      stack.push(...(parents.get(at) ?? []));
    }
    return false;
  };
  const accepted = new Set<Row>();
  for (const l of [...links.filter((x) => first.has(x)), ...links.filter((x) => !first.has(x))]) {
    const child = l.child_id as string;
    const parent = l.parent_id as string;
    if (child === parent || reaches(parent, child)) continue;
    parents.set(child, [...(parents.get(child) ?? []), parent]);
    accepted.add(l);
  }
  return links.filter((l) => accepted.has(l));
}

/** Code names are cut here: longer ones are pasted text, not names. */
export const MAX_NAME = 500;

export interface CodebookPlan {
  readonly nodes: Row[];
  readonly links: Row[];
  /** Examples given as text (a spreadsheet's example column): memos titled “Example” on their new codes. */
  readonly memos: Row[];
  readonly placed: readonly PlacedCode[];
  readonly mode: LevelPlan['mode'];
  readonly report: RefiImportReport;
}

/** What a codebook spreadsheet adds to a codebook: the repairs made while reading it, and example texts by GUID. */
export interface SheetExtras {
  readonly notes: readonly RefiReportItem[];
  readonly examples: ReadonlyMap<string, string>;
}

/** Plans adding a codebook's codes to an existing project (codes it already has are kept as they are). */
export function planCodebookImport(codebook: RefiCodebook, existing: ExistingNodes, readNotes: ReadNotes, choice: LevelChoice, sheet?: SheetExtras): CodebookPlan {
  const report = new ReportBuilder(codebook.origin);
  for (const n of sheet?.notes ?? []) report.add(n.kind, n.message, n.count, n.code);
  if (readNotes.repairedGuids) report.add('converted', 'Codes without a valid GUID were given a new one', readNotes.repairedGuids);
  const ids = new Ids();
  const levels = planLevels(codebook.codes, null, choice);
  const now = nowIso();
  const plan = planCodes(codebook.codes, ids, null, now, report, levels, existing);
  const newIds = new Set(plan.nodes.map((n) => n.id as string));
  // A new code under an existing one links to it; links between two existing codes are not touched.
  const links = plan.links.filter((l) => newIds.has(l.child_id as string));
  const memos: Row[] = [];
  for (const p of plan.placed) {
    const example = p.match === 'new' ? sheet?.examples.get(p.code.guid) : undefined;
    if (example) memos.push({ id: randomUUID(), target_type: 'node', target_id: p.id, title: EXAMPLE_MEMO_TITLE, body: example, author_id: null, created_at: now, updated_at: now });
  }
  if (memos.length) report.add('converted', `Examples became memos titled “${EXAMPLE_MEMO_TITLE}” on their codes (a chosen example in Condensa is a meaning unit)`, memos.length, 'EXAMPLE_AS_MEMO');
  if (codebook.sets.length) report.add('skipped', 'Code sets are not imported (Condensa has no sets of codes)', codebook.sets.length);
  if (ids.repaired) report.add('converted', 'GUIDs used twice in the file were given fresh ids for their second use', ids.repaired);
  report.count('codes', plan.nodes.length);
  return { nodes: plan.nodes, links, memos, placed: plan.placed, mode: levels.mode, report: report.build() };
}

function insertAll(db: Database.Database, table: string, rows: readonly Row[], optional: boolean): number {
  if (rows.length === 0) return 0;
  const existing = new Set((db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name));
  const columns = Object.keys(rows[0]).filter((c) => existing.has(c));
  const insert = db.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  let skipped = 0;
  for (const row of rows) {
    const values = columns.map((c) => row[c] ?? null);
    if (!optional) {
      insert.run(values);
      continue;
    }
    // Rows from the record are extras: one that no longer fits (a dangling reference) is dropped.
    try {
      insert.run(values);
    } catch {
      skipped += 1;
    }
  }
  return skipped;
}

/** Rows written between two reports of progress. */
const ROWS_PER_STEP = 2_000;

/** Writes a planned import into a fresh project (inside the caller's transaction), telling `step` as it goes. */
export async function applyProjectPlan(db: Database.Database, plan: ImportPlan, step: TaskStep): Promise<number> {
  const current = stmt(db, `SELECT id FROM project LIMIT 1`).pluck().get() as string;
  const p = plan.project;
  const sets = Object.entries(p.settings);
  db.prepare(`UPDATE project SET title = ?, description = ?, updated_at = ? WHERE id = ?`).run(p.title, p.description, nowIso(), current);
  for (const [column, value] of sets) db.prepare(`UPDATE project SET "${column}" = ? WHERE id = ?`).run(value, current);
  if (p.id && p.id !== current) db.prepare(`UPDATE project SET id = ? WHERE id = ?`).run(p.id, current);
  const projectId = p.id ?? current;
  let skipped = 0;
  // One big transaction over random UUID keys: a cache that holds it avoids spilling pages mid-way.
  const cache = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('cache_size = -262144');
  const total = plan.tables.reduce((n, t) => n + t.rows.length, 0);
  let done = 0;
  try {
    await fillInBulk(
      db,
      plan.tables.map((t) => t.table),
      async () => {
        for (const { table, rows, optional } of plan.tables) {
          const fixed = table === 'memos' ? rows.map((r) => (r.target_id === '__project__' ? { ...r, target_id: projectId } : r)) : rows;
          for (let from = 0; from < fixed.length; from += ROWS_PER_STEP) {
            await step(`Writing the new project (${recordWords(table)})`, done, total);
            skipped += insertAll(db, table, fixed.slice(from, from + ROWS_PER_STEP), optional ?? false);
            done += Math.min(ROWS_PER_STEP, fixed.length - from);
          }
        }
        await step('Indexing the new project', total, total);
      },
    );
  } finally {
    db.pragma(`cache_size = ${cache}`);
  }
  return skipped;
}

/** Adds planned codes to the open project (inside the caller's recorded step). */
export function applyCodebookPlan(db: Database.Database, plan: { nodes: readonly Row[]; links: readonly Row[]; memos: readonly Row[] }): void {
  insertAll(db, 'codebook_nodes', plan.nodes, false);
  insertAll(db, 'codebook_links', plan.links, false);
  insertAll(db, 'memos', plan.memos, false);
}

export type { Row as PlanRow };
