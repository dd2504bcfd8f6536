import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/api/errors';
import type { AttributeType, CoderRole, DocumentKind, MemoTarget, Methodology, NodeLevel, ThemeStatus } from '../../../shared/domain/vocabulary';
import { codePointIndex, type CodePointIndex } from '../../../shared/domain/offsets';
import { plural } from '../export/blocks';
import { stmt } from '../store/statements';
import { projectSettings } from '../repos/project-repo';
import { noSteps, type TaskStep } from '../tasks';
import {
  CONDENSATION_NOTE_NAME,
  INTERPRETATION_NOTE_NAME,
  OFFSET_COLUMNS,
  RECORD_FORMAT,
  RECORD_NOTE_DESCRIPTION,
  RECORD_NOTE_NAME,
  RECORD_TABLES,
  RECORD_VERSION,
  UNIT_SELECTION_NAME,
  derivedGuid,
  guidOf,
  renderNodeDescription,
  type CondensaRecord,
} from './convention';
import type { RefiCase, RefiCode, RefiCoding, RefiNote, RefiSelection, RefiTextSource, RefiVariable, RefiVariableValue, VariableType, ValueKind } from './model';
import type { RefiCodebook } from './read-qde';
import { writeCodebookXml, writeProjectQde, type QdeProject } from './write-qde';
import { PackedEntry, writeZip } from './zip';

export interface ExportSummary {
  readonly counts: Readonly<Record<string, number>>;
  readonly notes: readonly string[];
}

interface NodeRow {
  id: string;
  level: NodeLevel;
  name: string;
  definition: string;
  inclusion: string;
  exclusion: string;
  example_unit_id: string | null;
  colour: string;
  shortcut: string | null;
  status: ThemeStatus | null;
  sort: number;
  created_at: string;
}
interface LinkRow {
  id: string;
  parent_id: string;
  child_id: string;
  sort: number;
}
interface DocRow {
  id: string;
  title: string;
  kind: DocumentKind;
  text: string;
  source_name: string | null;
  source_format: string | null;
  group_id: string | null;
  session_name: string;
  session_date: string | null;
  facilitator: string;
  duration_minutes: number | null;
  reference: string | null;
  notes: string;
  sort: number;
  created_at: string;
}
interface CodingRow {
  id: string;
  code_id: string;
  coder_id: string;
  document_id: string;
  unit_id: string | null;
  start: number | null;
  end: number | null;
  created_at: string;
}
interface UnitRow {
  id: string;
  document_id: string;
  start: number;
  end: number;
  condensed: string;
  interpretive: string;
}
type UnitTuple = [string, string, number, number, string, string];
type CodingTuple = [string, string, string, string, string | null, number | null, number | null, string];
interface MemoRow {
  id: string;
  target_type: MemoTarget;
  target_id: string;
  title: string;
  body: string;
  author_id: string | null;
  created_at: string;
  updated_at: string;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
const RGB = /^#[0-9a-fA-F]{6}$/;

function dateTime(value: string | null | undefined): string | null {
  return value && DATE_TIME.test(value) ? value : null;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function all<T>(db: Database.Database, sql: string, ...params: unknown[]): T[] {
  return stmt(db, sql).all(...params) as T[];
}

/** Typed REFI value for one attribute value; anything that does not parse travels as text. */
function typedValue(type: AttributeType, variableType: VariableType, value: string): { kind: ValueKind; value: string } {
  const v = value.trim();
  if (type === 'boolean' && /^(true|false)$/i.test(v)) return { kind: 'BooleanValue', value: v.toLowerCase() };
  if (type === 'number' && variableType === 'Integer' && /^[+-]?\d+$/.test(v)) return { kind: 'IntegerValue', value: v };
  if (type === 'number' && variableType === 'Float' && /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(v)) return { kind: 'FloatValue', value: v };
  if (type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return { kind: 'DateValue', value: v };
  return { kind: 'TextValue', value };
}

function variableTypeOf(type: AttributeType, values: readonly string[]): VariableType {
  if (type === 'boolean') return 'Boolean';
  if (type === 'date') return 'Date';
  if (type === 'number') return values.every((v) => /^[+-]?\d+$/.test(v.trim())) ? 'Integer' : 'Float';
  return 'Text';
}

class CodeTree {
  readonly roots: RefiCode[];
  readonly multiParent: string[] = [];

  constructor(nodes: readonly NodeRow[], links: readonly LinkRow[], codedIds: ReadonlySet<string>, memoRefs: ReadonlyMap<string, string[]>, methodology: Methodology) {
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const firstParent = new Map<string, LinkRow>();
    for (const l of links) {
      if (!byId.has(l.parent_id) || !byId.has(l.child_id)) continue;
      if (firstParent.has(l.child_id)) this.multiParent.push(byId.get(l.child_id)!.name);
      else firstParent.set(l.child_id, l);
    }
    const children = new Map<string, NodeRow[]>();
    const rootRows: NodeRow[] = [];
    for (const n of nodes) {
      const link = firstParent.get(n.id);
      if (!link) rootRows.push(n);
      else pushTo(children, link.parent_id, n);
    }
    const placed = new Set<string>();
    const build = (n: NodeRow): RefiCode => {
      placed.add(n.id);
      const kids = (children.get(n.id) ?? []).filter((k) => !placed.has(k.id));
      return {
        guid: guidOf(n.id),
        name: n.name,
        isCodable: n.level === 'code' || codedIds.has(n.id),
        color: RGB.test(n.colour) ? n.colour.toLowerCase() : null,
        description: renderNodeDescription(n, methodology) || null,
        noteRefs: memoRefs.get(n.id) ?? [],
        children: kids.map(build),
      };
    };
    this.roots = rootRows.map(build);
    // A cycle of parent links leaves nodes unreached: they go to the top rather than vanish.
    for (const n of nodes) if (!placed.has(n.id)) this.roots.push(build(n));
  }
}

function nodeRows(db: Database.Database): NodeRow[] {
  return all<NodeRow>(db, `SELECT * FROM codebook_nodes ORDER BY sort, name`);
}

function linkRows(db: Database.Database): LinkRow[] {
  return all<LinkRow>(db, `SELECT id, parent_id, child_id, sort FROM codebook_links ORDER BY sort, id`);
}

/** The codebook alone, as a .qdc. */
export function exportCodebookXml(db: Database.Database, origin: string): { xml: string; summary: ExportSummary } {
  const nodes = nodeRows(db);
  if (nodes.length === 0) {
    throw new AppError('REFI_EMPTY_CODEBOOK', 'The codebook is empty, and a REFI-QDA codebook must hold at least one code. Add a code first.');
  }
  const coded = new Set(all<{ code_id: string }>(db, `SELECT DISTINCT code_id FROM codings`).map((r) => r.code_id));
  const tree = new CodeTree(nodes, linkRows(db), coded, new Map(), projectSettings(db).methodology);
  const codebook: RefiCodebook = { origin, codes: tree.roots, sets: [] };
  const notes = tree.multiParent.length
    ? [`${tree.multiParent.length} code(s) sit under more than one parent; a .qdc nests each code once, so only the first parent is kept (${tree.multiParent.slice(0, 5).join(', ')}).`]
    : [];
  return { xml: writeCodebookXml(codebook), summary: { counts: { codes: nodes.length }, notes } };
}

interface Built {
  /** Its sources and notes are read and laid out as the writer asks for them, once (see buildRefiProject). */
  readonly project: QdeProject;
  readonly texts: ReadonlyMap<string, string>;
  /** What was exported: complete once the project has been written. */
  summary(): ExportSummary;
}

/**
 * Reads the study and lays it out as a REFI-QDA project plus the Condensa record. The sources
 * (with their meaning units and codings, read a document at a time) and the notes are produced
 * as the writer reaches them, so a large study never exists twice over in memory: they can be
 * gone through once, sources first (the record in the last note says which selections the
 * sources split by coder).
 */
export function buildRefiProject(db: Database.Database, origin: string): Built {
  const project = stmt(db, `SELECT * FROM project LIMIT 1`).get() as {
    id: string;
    title: string;
    description: string;
    methodology: Methodology;
    blind: number;
    agreement_enabled: number;
    allow_multiple_parents: number;
    allow_units_across_turns: number;
    created_at: string;
  };
  const coders = all<{ id: string; name: string; initials: string; colour: string; role: CoderRole; created_at: string }>(db, `SELECT * FROM coders ORDER BY created_at, name`);
  const nodes = nodeRows(db);
  const links = linkRows(db);
  const groups = all<{ id: string; name: string; sort: number }>(db, `SELECT * FROM document_groups ORDER BY sort, name`);
  const documents = all<DocRow>(db, `SELECT * FROM documents ORDER BY sort, title`);
  const attributes = all<{ id: string; name: string; type: AttributeType; choices: string; sort: number }>(db, `SELECT * FROM attributes ORDER BY sort, name`);
  const participants = all<{ id: string; label: string; pseudonym: string; notes: string; sort: number; created_at: string }>(
    db,
    `SELECT * FROM participants ORDER BY sort, label`,
  );
  const values = all<{ participant_id: string; attribute_id: string; value: string }>(db, `SELECT participant_id, attribute_id, value FROM participant_values`);
  const turns = all<{ id: string; document_id: string; participant_id: string | null; speaker_label: string | null; start: number; end: number; timestamp: string | null; is_facilitator: number }>(
    db,
    `SELECT * FROM turns ORDER BY document_id, start`,
  );
  const unitCount = stmt(db, `SELECT count(*) FROM meaning_units`).pluck().get() as number;
  const codingCount = stmt(db, `SELECT count(*) FROM codings`).pluck().get() as number;
  // Read as plain arrays: better-sqlite3's row objects cost twice the time for the study's largest tables.
  const unitsOf = (documentId: string) =>
    (stmt(db, `SELECT id, document_id, start, "end", condensed, interpretive FROM meaning_units WHERE document_id = ? ORDER BY start, "end"`).raw().all(documentId) as UnitTuple[]).map(
      (r): UnitRow => ({ id: r[0], document_id: r[1], start: r[2], end: r[3], condensed: r[4], interpretive: r[5] }),
    );
  const codingsOf = (documentId: string) =>
    (stmt(db, `SELECT id, code_id, coder_id, document_id, unit_id, start, "end", created_at FROM codings WHERE document_id = ? ORDER BY rowid`).raw().all(documentId) as CodingTuple[]).map(
      (r): CodingRow => ({ id: r[0], code_id: r[1], coder_id: r[2], document_id: r[3], unit_id: r[4], start: r[5], end: r[6], created_at: r[7] }),
    );
  const memos = all<MemoRow>(db, `SELECT * FROM memos ORDER BY created_at, id`);
  const journal = all<{ id: string; entry_date: string; body: string; author_id: string | null; created_at: string; updated_at: string }>(
    db,
    `SELECT * FROM journal_entries ORDER BY entry_date, created_at`,
  );

  const coderGuid = new Map(coders.map((c) => [c.id, guidOf(c.id)]));
  // The project's owner: who created it in the file, and who a unit nobody has coded yet belongs to.
  const owner = (coders.find((c) => c.role !== 'consensus') ?? coders[0])?.id ?? null;
  const userOf = (id: string | null) => (id ? (coderGuid.get(id) ?? null) : null);
  const indexes = new Map<string, CodePointIndex>(documents.map((d) => [d.id, codePointIndex(d.text)]));
  const cp = (documentId: string, offset: number) => indexes.get(documentId)!.toCodePoints(offset);

  // Where each memo hangs in the standard layer; participants (Case has no NoteRef) only in the record.
  const memoRefs = new Map<string, string[]>();
  const projectRefs: string[] = [];
  for (const m of memos) {
    const ref = guidOf(m.id);
    if (m.target_type === 'project') projectRefs.push(ref);
    else if (m.target_type !== 'participant') pushTo(memoRefs, m.target_id, ref);
  }

  const coded = new Set(all<{ code_id: string }>(db, `SELECT DISTINCT code_id FROM codings`).map((r) => r.code_id));
  const tree = new CodeTree(nodes, links, coded, memoRefs, project.methodology);

  const variables: RefiVariable[] = attributes.map((a) => {
    const type = variableTypeOf(a.type, values.filter((v) => v.attribute_id === a.id).map((v) => v.value));
    const choices = JSON.parse(a.choices) as string[];
    return { guid: guidOf(a.id), name: a.name, type, description: a.type === 'choice' && choices.length ? `Choices: ${choices.join(' | ')}` : null };
  });
  const variableType = new Map(attributes.map((a, i) => [a.id, { type: a.type, variable: variables[i].type }]));

  const docsOf = new Map<string, string[]>();
  for (const t of turns) {
    if (!t.participant_id) continue;
    const list = docsOf.get(t.participant_id) ?? [];
    if (!list.includes(t.document_id)) list.push(t.document_id);
    docsOf.set(t.participant_id, list);
  }
  const valuesOf = new Map<string, typeof values>();
  for (const v of values) pushTo(valuesOf, v.participant_id, v);
  const documentOrder = new Map(documents.map((d, i) => [d.id, i]));
  const cases: RefiCase[] = participants.map((p) => ({
    guid: guidOf(p.id),
    name: p.label,
    description: p.notes || null,
    values: (valuesOf.get(p.id) ?? [])
      .filter((v) => variableType.has(v.attribute_id))
      .map((v): RefiVariableValue => {
        const t = variableType.get(v.attribute_id)!;
        return { variable: guidOf(v.attribute_id), ...typedValue(t.type, t.variable, v.value) };
      }),
    sourceRefs: (docsOf.get(p.id) ?? []).sort((a, b) => documentOrder.get(a)! - documentOrder.get(b)!).map(guidOf),
    selectionRefs: [],
  }));

  const codingOf = (c: CodingRow): RefiCoding => ({
    guid: guidOf(c.id),
    codeRef: guidOf(c.code_id),
    creatingUser: userOf(c.coder_id),
    creationDateTime: dateTime(c.created_at),
    noteRefs: memoRefs.get(c.id) ?? [],
  });

  const linksOf = new Map<string, LinkRow[]>();
  for (const l of links) pushTo(linksOf, l.child_id, l);
  const unitNotes: RefiNote[] = [];
  const record: CondensaRecord = {
    format: RECORD_FORMAT,
    version: RECORD_VERSION,
    project: {
      id: project.id,
      methodology: project.methodology,
      blind: project.blind === 1,
      agreementEnabled: project.agreement_enabled === 1,
      allowMultipleParents: project.allow_multiple_parents === 1,
      allowUnitsAcrossTurns: project.allow_units_across_turns === 1,
    },
    coders: Object.fromEntries(coders.map((c) => [guidOf(c.id), { initials: c.initials, colour: c.colour, role: c.role, createdAt: c.created_at }])),
    nodes: Object.fromEntries(
      nodes.map((n) => [
        guidOf(n.id),
        {
          level: n.level,
          definition: n.definition,
          inclusion: n.inclusion,
          exclusion: n.exclusion,
          colour: n.colour,
          status: n.status,
          shortcut: n.shortcut,
          sort: n.sort,
          exampleUnitId: n.example_unit_id ? guidOf(n.example_unit_id) : null,
          createdAt: n.created_at,
          links: (linksOf.get(n.id) ?? []).map((l) => ({ id: guidOf(l.id), parentId: guidOf(l.parent_id), sort: l.sort })),
        },
      ]),
    ),
    groups: Object.fromEntries(groups.map((g) => [guidOf(g.id), { sort: g.sort }])),
    documents: Object.fromEntries(
      documents.map((d) => [
        guidOf(d.id),
        {
          kind: d.kind,
          sourceName: d.source_name,
          sourceFormat: d.source_format,
          sessionName: d.session_name,
          sessionDate: d.session_date,
          facilitator: d.facilitator,
          durationMinutes: d.duration_minutes,
          reference: d.reference,
          sort: d.sort,
          createdAt: d.created_at,
        },
      ]),
    ),
    attributes: Object.fromEntries(attributes.map((a) => [guidOf(a.id), { type: a.type, choices: JSON.parse(a.choices) as string[], sort: a.sort }])),
    participants: Object.fromEntries(participants.map((p) => [guidOf(p.id), { pseudonym: p.pseudonym, sort: p.sort, createdAt: p.created_at }])),
    turns: {},
    memos: Object.fromEntries(memos.map((m) => [guidOf(m.id), { targetType: m.target_type, targetId: guidOf(m.target_id) }])),
    unitSelections: {},
    journal: Object.fromEntries(journal.map((j) => [guidOf(j.id), { date: j.entry_date }])),
    tables: {},
  };
  for (const t of turns) {
    const list = (record.turns[guidOf(t.document_id)] ??= []);
    list.push({
      id: guidOf(t.id),
      participantId: t.participant_id ? guidOf(t.participant_id) : null,
      speakerLabel: t.speaker_label,
      start: cp(t.document_id, t.start),
      end: cp(t.document_id, t.end),
      timestamp: t.timestamp,
      isFacilitator: t.is_facilitator === 1,
    });
  }

  const texts = new Map(documents.map((d) => [guidOf(d.id), d.text]));
  let selectionCount = 0;
  function* sources(): Generator<RefiTextSource> {
    for (const d of documents) {
      const guid = guidOf(d.id);
      const unitCodings = new Map<string, CodingRow[]>();
      const spanCodings: CodingRow[] = [];
      for (const c of codingsOf(d.id)) {
        if (c.unit_id) pushTo(unitCodings, c.unit_id, c);
        else spanCodings.push(c);
      }
      const selections: RefiSelection[] = [];
      for (const u of unitsOf(d.id)) {
        const unitGuid = guidOf(u.id);
        const refs: string[] = [];
        const note = (kind: string, name: string, text: string) => {
          if (!text) return;
          const guid = derivedGuid(kind, u.id);
          unitNotes.push({ guid, name, description: null, plainTextContent: text, plainTextPath: null, creatingUser: null, creationDateTime: null, modifiedDateTime: null });
          refs.push(guid);
        };
        note('condensation', CONDENSATION_NOTE_NAME, u.condensed);
        note('interpretation', INTERPRETATION_NOTE_NAME, u.interpretive);
        // Readers take the coder from the selection (QualCoder ignores the Coding's creatingUser and
        // keeps one coding per code, range and owner): each coder's codings get a selection of their own.
        const byCoder = new Map<string, CodingRow[]>();
        for (const c of unitCodings.get(u.id) ?? []) pushTo(byCoder, c.coder_id, c);
        const groups = [...byCoder.entries()];
        const [first, ...others] = groups.length ? groups : [[owner, []] as [string | null, CodingRow[]]];
        const range = { start: cp(d.id, u.start), end: cp(d.id, u.end) };
        selections.push({
          guid: unitGuid,
          name: UNIT_SELECTION_NAME,
          ...range,
          creatingUser: userOf(first[0]),
          creationDateTime: null,
          description: null,
          codings: first[1].map(codingOf),
          noteRefs: [...refs, ...(memoRefs.get(u.id) ?? [])],
        });
        for (const [coderId, list] of others) {
          const guid = derivedGuid('unit-coder', `${u.id}:${coderId}`);
          record.unitSelections![guid] = unitGuid;
          selections.push({ guid, name: UNIT_SELECTION_NAME, ...range, creatingUser: userOf(coderId), creationDateTime: null, description: null, codings: list.map(codingOf), noteRefs: [] });
        }
      }
      for (const c of spanCodings) {
        if (c.start === null || c.end === null) continue;
        selections.push({
          guid: derivedGuid('span', c.id),
          name: null,
          start: cp(d.id, c.start),
          end: cp(d.id, c.end),
          creatingUser: userOf(c.coder_id),
          creationDateTime: dateTime(c.created_at),
          description: null,
          codings: [codingOf(c)],
          noteRefs: [],
        });
      }
      selectionCount += selections.length;
      yield {
        guid,
        name: d.title,
        plainTextPath: `internal://${guid}.txt`,
        richTextPath: null,
        plainTextContent: null,
        description: d.notes || null,
        creatingUser: null,
        creationDateTime: dateTime(d.created_at),
        selections,
        codings: [],
        noteRefs: memoRefs.get(d.id) ?? [],
        values: [],
      };
    }
  }

  const tables = new Set(all<{ name: string }>(db, `SELECT name FROM sqlite_master WHERE type = 'table'`).map((t) => t.name));
  for (const table of RECORD_TABLES) {
    if (!tables.has(table)) continue;
    const rows = all<Record<string, unknown>>(db, `SELECT * FROM ${table}`);
    const offsetColumns = OFFSET_COLUMNS[table] ?? [];
    record.tables[table] = rows.map((r) => {
      const out = { ...r };
      for (const col of offsetColumns) {
        if (typeof r[col] === 'number' && typeof r.document_id === 'string' && indexes.has(r.document_id)) out[col] = cp(r.document_id, r[col]);
      }
      return out;
    });
  }
  const recordGuid = derivedGuid('record', project.id);
  // The notes of the units (gathered as the sources were written), the memos, the journal, the record.
  function* notes(): Generator<RefiNote> {
    yield* unitNotes;
    for (const m of memos) {
      yield {
        guid: guidOf(m.id),
        name: m.title || null,
        description: null,
        plainTextContent: m.body,
        plainTextPath: null,
        creatingUser: userOf(m.author_id),
        creationDateTime: dateTime(m.created_at),
        modifiedDateTime: dateTime(m.updated_at),
      };
    }
    for (const j of journal) {
      yield {
        guid: guidOf(j.id),
        name: `Journal ${j.entry_date}`,
        description: null,
        plainTextContent: j.body,
        plainTextPath: null,
        creatingUser: userOf(j.author_id),
        creationDateTime: dateTime(j.created_at),
        modifiedDateTime: dateTime(j.updated_at),
      };
    }
    yield {
      guid: recordGuid,
      name: RECORD_NOTE_NAME,
      description: RECORD_NOTE_DESCRIPTION,
      plainTextContent: JSON.stringify(record),
      plainTextPath: null,
      creatingUser: null,
      creationDateTime: null,
      modifiedDateTime: null,
    };
  }

  const refi: QdeProject = {
    name: project.title,
    origin,
    creatingUser: userOf(owner),
    creationDateTime: dateTime(project.created_at),
    users: coders.map((c) => ({ guid: guidOf(c.id), name: c.name })),
    codes: tree.roots,
    variables,
    cases,
    sources: sources(),
    notes: notes(),
    sets: groups.map((g) => ({
      guid: guidOf(g.id),
      name: g.name,
      description: null,
      memberCodes: [],
      memberSources: documents.filter((d) => d.group_id === g.id).map((d) => guidOf(d.id)),
      memberNotes: [],
    })),
    description: project.description || null,
    noteRefs: [...projectRefs, recordGuid],
    unsupported: {},
  };

  const summaryNotes: string[] = [];
  if (tree.multiParent.length) {
    summaryNotes.push(`${tree.multiParent.length} code(s) sit under more than one parent; other programs see each under its first parent only (Condensa keeps all of them).`);
  }
  if (turns.length) summaryNotes.push('Speaker turns travel in the Condensa exchange record; other programs see participants as cases linked to their documents.');
  const counts = () => ({
    coders: coders.length,
    codes: nodes.length,
    documents: documents.length,
    selections: selectionCount,
    codings: codingCount,
    meaningUnits: unitCount,
    participants: participants.length,
    attributes: attributes.length,
    memos: memos.length,
    journalEntries: journal.length,
    sets: groups.length,
  });
  return { project: refi, texts, summary: () => ({ counts: counts(), notes: summaryNotes }) };
}

const encoder = new TextEncoder();

/**
 * The whole study as .qdpx bytes: project.qde plus sources/<GUID>.txt (UTF-8, no BOM). Each
 * stage tells `step`, which may stop it; the fourth of four, saving the file, is the caller's.
 */
export async function exportProjectQdpx(db: Database.Database, origin: string, step: TaskStep = noSteps): Promise<{ bytes: Uint8Array; summary: ExportSummary }> {
  const total = 4;
  await step('Reading the study', 0, total);
  const built = buildRefiProject(db, origin);
  await step('Writing project.qde', 1, total);
  // The sources are packed on zlib's threads while project.qde is written, and it while it is written.
  const sources = [...built.texts].map(([guid, text]) => new PackedEntry(`sources/${guid}.txt`).end(encoder.encode(text)));
  const qde = new PackedEntry('project.qde');
  writeProjectQde(built.project, qde);
  await step(`Packing project.qde and ${plural(built.texts.size, 'source')}`, 2, total);
  return { bytes: await writeZip([qde, ...sources]), summary: built.summary() };
}
