import type Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { insertProject } from '../electron/core/repos/project-repo';
import { SCHEMA_VERSION } from '../electron/core/store/migrations';
import { ProjectFile } from '../electron/core/store/project-file';
import { Prng } from '../shared/domain/prng';
import {
  categoryName,
  codeName,
  COLOURS,
  definitionOf,
  filler,
  FIRST_NAMES,
  GENDERS,
  LAST_NAMES,
  memoBody,
  question,
  ROLES,
  sentence,
  SHIFTS,
  SITES,
  subcategoryName,
  themeName,
  type Language,
} from './vocabulary';

// Synthetic studies for the benchmark, written straight into a project file with bulk inserts in
// the one transaction that creates it. Bump GENERATOR_VERSION whenever the output changes, so
// cached files in bench-results/ are made again.
export const GENERATOR_VERSION = 2;
export const DEFAULT_SEED = 0x5eed2026;

export const STUDY_SIZES = ['tiny', 'small', 'large', 'huge'] as const;
export type StudySize = (typeof STUDY_SIZES)[number];

export interface StudySpec {
  readonly size: StudySize;
  readonly transcripts: number;
  readonly participants: number;
  readonly sites: number;
  readonly units: number;
  /** Nodes per level, top down: themes, categories, subcategories, codes. */
  readonly levels: readonly [number, number, number, number];
  readonly codingsPerCoder: number;
  readonly memos: number;
  readonly quotes: number;
  readonly journal: number;
  /** Units in one long focus group (about 1 MB of text at 3,300); 0 lets no transcript stand out. */
  readonly longTranscriptUnits: number;
}

export const STUDY_SPECS: Readonly<Record<StudySize, StudySpec>> = {
  tiny: { size: 'tiny', transcripts: 3, participants: 6, sites: 2, units: 60, levels: [1, 2, 3, 6], codingsPerCoder: 90, memos: 4, quotes: 6, journal: 1, longTranscriptUnits: 0 },
  small: { size: 'small', transcripts: 10, participants: 12, sites: 2, units: 1_000, levels: [2, 4, 8, 26], codingsPerCoder: 1_500, memos: 20, quotes: 40, journal: 3, longTranscriptUnits: 0 },
  large: { size: 'large', transcripts: 200, participants: 60, sites: 6, units: 40_000, levels: [4, 12, 36, 248], codingsPerCoder: 60_000, memos: 400, quotes: 2_000, journal: 30, longTranscriptUnits: 3_500 },
  huge: { size: 'huge', transcripts: 1_000, participants: 200, sites: 6, units: 200_000, levels: [4, 12, 36, 248], codingsPerCoder: 300_000, memos: 2_000, quotes: 2_000, journal: 100, longTranscriptUnits: 3_500 },
};

export interface GeneratedStudy {
  readonly file: string;
  readonly size: StudySize;
  readonly seed: number;
  readonly generatorVersion: number;
  readonly schemaVersion: number;
  readonly title: string;
  readonly documents: number;
  readonly participants: number;
  readonly turns: number;
  readonly units: number;
  readonly nodes: number;
  readonly codes: number;
  readonly codings: number;
  readonly memos: number;
  readonly quotes: number;
  readonly textChars: number;
  readonly largestDocumentId: string;
  readonly largestDocumentTitle: string;
  readonly largestDocumentChars: number;
  readonly coderIds: readonly [string, string];
  readonly fileBytes: number;
  readonly generateMs: number;
}

const CREATED_AT = '2025-03-01T09:00:00.000Z';
const LEVELS = ['theme', 'category', 'subcategory', 'code'] as const;
/** How often coder B applies the same code as coder A to a unit. */
const AGREEMENT = 0.85;
const FOCUS_CODES = 24;
/** Every FREE_SPAN_EVERY-th unit has its first code applied to a free span inside it instead, by both coders (with slightly different ends). */
const FREE_SPAN_EVERY = 25;
/** Transcripts d with d % 10 === SECOND_LANGUAGE_AT are in German (a German-speaking site's words). */
const SECOND_LANGUAGE_AT = 2;

/** The transcript's language: one in ten is German. */
export function languageOf(transcript: number): Language {
  return transcript % 10 === SECOND_LANGUAGE_AT ? 'de' : 'en';
}

/**
 * A free span inside a unit: from its start to a space about halfway to two thirds in (never
 * splitting a word, an emoji or a surrogate pair); `shift` moves the end to a neighbouring space, so
 * two coders' spans overlap without matching exactly.
 */
function freeSpan(text: string, unit: { start: number; end: number }, fraction: number, shift: -1 | 0 | 1): { start: number; end: number } {
  const target = unit.start + Math.round((unit.end - unit.start) * fraction);
  let end = text.lastIndexOf(' ', target);
  if (shift === 1) end = text.indexOf(' ', target + 1);
  if (shift === -1) end = text.lastIndexOf(' ', end - 1);
  if (end <= unit.start || end > unit.end || end < 0) end = unit.end;
  return { start: unit.start, end };
}

interface Node {
  readonly id: string;
  readonly level: (typeof LEVELS)[number];
  readonly parent: Node | null;
  readonly leaves: string[];
}

interface Speaker {
  readonly id: string | null;
  readonly label: string;
  readonly facilitator: boolean;
}

/** Writes a new project file holding a synthetic study of the given size; the same seed gives the same rows. */
export function generateStudy(file: string, spec: StudySpec, seed = DEFAULT_SEED): GeneratedStudy {
  const started = performance.now();
  const title = `Working nights: a ${spec.size} multi-site study (synthetic)`;
  let stats: Omit<GeneratedStudy, 'file' | 'fileBytes' | 'generateMs'> | null = null;
  const project = ProjectFile.create(file, (db) => {
    stats = fillStudy(db, spec, seed, title);
  });
  const filePath = project.path;
  project.close();
  return { ...stats!, file: filePath, fileBytes: fs.statSync(filePath).size, generateMs: Math.round(performance.now() - started) };
}

function fillStudy(db: Database.Database, spec: StudySpec, seed: number, title: string): Omit<GeneratedStudy, 'file' | 'fileBytes' | 'generateMs'> {
  const rng = new Prng(seed);
  insertProject(db, rng.uuid(), title, 'content-analysis', 'Nurses at several hospitals talk about working nights. Generated for the benchmark.');

  const insert = (sql: string) => db.prepare(sql);
  const coderA = rng.uuid();
  const coderB = rng.uuid();
  const addCoder = insert(`INSERT INTO coders (id, name, initials, colour, role, created_at) VALUES (?, ?, ?, ?, 'coder', ?)`);
  addCoder.run(coderA, 'Rosa Lindqvist', 'RL', '#4e79a7', CREATED_AT);
  addCoder.run(coderB, 'Tom Okafor', 'TO', '#e15759', CREATED_AT);

  const sites = SITES.slice(0, spec.sites);
  const attributes = insertAttributes(db, rng, sites);
  const participants = insertParticipants(db, rng, spec, sites, attributes);
  const groupIds = sites.map((site, i) => {
    const id = rng.uuid();
    insert(`INSERT INTO document_groups (id, name, sort) VALUES (?, ?, ?)`).run(id, site, i);
    return id;
  });
  const { nodes, codes } = insertCodebook(db, rng, spec);
  const parentOf = new Map(codes.map((c) => [c.id, c.parent!] as const));

  const addDocument = insert(
    `INSERT INTO documents (id, title, kind, text, source_name, source_format, group_id, session_name, session_date, facilitator, duration_minutes, notes, sort, created_at)
     VALUES (?, ?, ?, ?, ?, 'text', ?, ?, ?, ?, ?, '', ?, ?)`,
  );
  const addTurn = insert(`INSERT INTO turns (id, document_id, participant_id, speaker_label, start, "end", timestamp, is_facilitator) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const addUnit = insert(`INSERT INTO meaning_units (id, document_id, start, "end", condensed, interpretive) VALUES (?, ?, ?, ?, ?, ?)`);
  const addCoding = insert(`INSERT INTO codings (id, code_id, coder_id, document_id, unit_id, created_at) VALUES (?, ?, ?, ?, ?, ?)`);
  const addSpanCoding = insert(`INSERT INTO codings (id, code_id, coder_id, document_id, start, "end", created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`);

  const unitsPerDocument = splitUnits(rng, spec);
  const unitsByCodeA = new Map<string, string[]>();
  const unitIdsByDocument = new Map<string, string[]>();
  let globalUnit = 0;
  let turnCount = 0;
  let codingCount = 0;
  let textChars = 0;
  let largest = { id: '', title: '', chars: -1 };
  const documentIds: string[] = [];

  for (let d = 0; d < spec.transcripts; d++) {
    const site = d % sites.length;
    const local = participants.filter((p) => p.site === site);
    const interview = d !== 0 && rng.chance(0.2);
    const speakers = pickSpeakers(rng, local, interview ? 1 : rng.between(3, Math.min(6, local.length)));
    const documentId = rng.uuid();
    documentIds.push(documentId);
    const language = languageOf(d);
    const built = buildTranscript(rng, speakers, unitsPerDocument[d], language);
    const number = d + 1;
    const docTitle =
      language === 'de'
        ? interview
          ? `Interview ${number} – ${speakers[0].label}, ${sites[site]} (Deutsch)`
          : `Fokusgruppe ${number} – ${sites[site]} (Deutsch)`
        : interview
          ? `Interview ${number} – ${speakers[0].label}, ${sites[site]}`
          : `Focus group ${number} – ${sites[site]}`;
    const date = new Date(Date.UTC(2024, 0, 8) + d * 86_400_000 * 2).toISOString().slice(0, 10);
    addDocument.run(
      documentId,
      docTitle,
      interview ? 'interview' : 'focus-group',
      built.text,
      `${docTitle.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}.txt`,
      groupIds[site],
      interview ? `Interview ${number}` : language === 'de' ? `Sitzung ${number}` : `Session ${number}`,
      date,
      'Dr Hannah Cole',
      Math.round(built.text.length / 900),
      d,
      CREATED_AT,
    );
    textChars += built.text.length;
    if (built.text.length > largest.chars) largest = { id: documentId, title: docTitle, chars: built.text.length };
    for (const t of built.turns) {
      addTurn.run(rng.uuid(), documentId, t.speaker.id, t.speaker.label, t.start, t.end, t.timestamp, t.speaker.facilitator ? 1 : 0);
      turnCount += 1;
    }
    const focus = pickDistinct(rng, codes, Math.min(FOCUS_CODES, codes.length));
    const unitIds: string[] = [];
    for (const u of built.units) {
      const unitId = rng.uuid();
      unitIds.push(unitId);
      addUnit.run(unitId, documentId, u.start, u.end, u.condensed, u.interpretive);
      const howMany = Math.floor(((globalUnit + 1) * spec.codingsPerCoder) / spec.units) - Math.floor((globalUnit * spec.codingsPerCoder) / spec.units);
      globalUnit += 1;
      const a = codesForA(rng, focus, codes, parentOf, howMany);
      const b = codesForB(rng, a, codes, parentOf);
      // Now and then the first code goes on a free span inside the unit instead: coders select
      // words as well as whole units, and B's span ends a word earlier or later than A's.
      const spanned = globalUnit % FREE_SPAN_EVERY === 0 && a.length > 0;
      a.forEach((code, i) => {
        if (spanned && i === 0) {
          const span = freeSpan(built.text, u, 0.6, 0);
          addSpanCoding.run(rng.uuid(), code, coderA, documentId, span.start, span.end, CREATED_AT);
          return;
        }
        addCoding.run(rng.uuid(), code, coderA, documentId, unitId, CREATED_AT);
        const list = unitsByCodeA.get(code);
        if (list) list.push(unitId);
        else unitsByCodeA.set(code, [unitId]);
      });
      b.forEach((code, i) => {
        if (spanned && i === 0) {
          const span = freeSpan(built.text, u, 0.6, rng.pick([-1, 0, 1] as const));
          addSpanCoding.run(rng.uuid(), code, coderB, documentId, span.start, span.end, CREATED_AT);
        } else addCoding.run(rng.uuid(), code, coderB, documentId, unitId, CREATED_AT);
      });
      codingCount += a.length + b.length;
    }
    unitIdsByDocument.set(documentId, unitIds);
  }

  const quotes = insertQuotes(db, rng, spec, nodes, unitsByCodeA);
  const memos = insertMemos(db, rng, spec, { coderA, coderB, documentIds, participants, nodes, unitIdsByDocument });
  insertJournal(db, rng, spec, [coderA, coderB]);

  // The coder reopens the study where they left off: in the longest transcript, as coder A.
  const setting = insert(`INSERT INTO settings (id, value) VALUES (?, ?)`);
  setting.run('current_coder', coderA);
  setting.run('last_document', largest.id);
  setting.run('last_unit', unitIdsByDocument.get(largest.id)![0]);

  return {
    size: spec.size,
    seed,
    generatorVersion: GENERATOR_VERSION,
    schemaVersion: SCHEMA_VERSION,
    title,
    documents: spec.transcripts,
    participants: participants.length,
    turns: turnCount,
    units: globalUnit,
    nodes: nodes.length,
    codes: codes.length,
    codings: codingCount,
    memos,
    quotes,
    textChars,
    largestDocumentId: largest.id,
    largestDocumentTitle: largest.title,
    largestDocumentChars: largest.chars,
    coderIds: [coderA, coderB],
  };
}

interface AttributeIds {
  readonly site: string;
  readonly role: string;
  readonly years: string;
  readonly shift: string;
  readonly gender: string;
  readonly joined: string;
  readonly mentor: string;
}

function insertAttributes(db: Database.Database, rng: Prng, sites: readonly string[]): AttributeIds {
  const add = db.prepare(`INSERT INTO attributes (id, name, type, choices, sort) VALUES (?, ?, ?, ?, ?)`);
  const defs: [keyof AttributeIds, string, string, readonly string[]][] = [
    ['site', 'Site', 'choice', sites],
    ['role', 'Role', 'choice', ROLES],
    ['years', 'Years qualified', 'number', []],
    ['shift', 'Shift pattern', 'choice', SHIFTS],
    ['gender', 'Gender', 'choice', GENDERS],
    ['joined', 'Joined the ward', 'date', []],
    ['mentor', 'Has a mentor', 'boolean', []],
  ];
  const ids = {} as Record<keyof AttributeIds, string>;
  defs.forEach(([key, name, type, choices], i) => {
    ids[key] = rng.uuid();
    add.run(ids[key], name, type, JSON.stringify(choices), i);
  });
  return ids;
}

interface GeneratedParticipant {
  readonly id: string;
  readonly label: string;
  readonly site: number;
}

function insertParticipants(db: Database.Database, rng: Prng, spec: StudySpec, sites: readonly string[], attr: AttributeIds): GeneratedParticipant[] {
  const add = db.prepare(`INSERT INTO participants (id, label, pseudonym, notes, sort, created_at) VALUES (?, ?, ?, ?, ?, ?)`);
  const value = db.prepare(`INSERT INTO participant_values (id, participant_id, attribute_id, value) VALUES (?, ?, ?, ?)`);
  const out: GeneratedParticipant[] = [];
  for (let i = 0; i < spec.participants; i++) {
    const id = rng.uuid();
    const site = i % sites.length;
    const label = `P${i + 1}`;
    const realName = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
    add.run(id, label, `Nurse ${i + 1}`, `Real name (kept only in this file): ${realName}`, i, CREATED_AT);
    const joined = new Date(Date.UTC(2012, 0, 1) + rng.int(12 * 365) * 86_400_000).toISOString().slice(0, 10);
    const values: [string, string][] = [
      [attr.site, sites[site]],
      [attr.role, rng.pick(ROLES)],
      [attr.years, String(rng.between(0, 30))],
      [attr.shift, rng.pick(SHIFTS)],
      [attr.gender, rng.pick(GENDERS)],
      [attr.joined, joined],
      [attr.mentor, rng.chance(0.4) ? 'true' : 'false'],
    ];
    for (const [attributeId, v] of values) value.run(rng.uuid(), id, attributeId, v);
    out.push({ id, label, site });
  }
  return out;
}

function insertCodebook(db: Database.Database, rng: Prng, spec: StudySpec): { nodes: Node[]; codes: Node[] } {
  const addNode = db.prepare(
    `INSERT INTO codebook_nodes (id, level, name, definition, inclusion, exclusion, colour, shortcut, status, sort, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const addLink = db.prepare(`INSERT INTO codebook_links (id, parent_id, child_id, sort) VALUES (?, ?, ?, ?)`);
  const names = [themeName, categoryName, subcategoryName, codeName];
  const nodes: Node[] = [];
  let above: Node[] = [];
  const colourOf = new Map<Node, string>();
  LEVELS.forEach((level, depth) => {
    const count = spec.levels[depth];
    const here: Node[] = [];
    const siblings = new Map<Node | null, number>();
    for (let i = 0; i < count; i++) {
      // Children spread evenly and contiguously under the level above.
      const parent = depth === 0 ? null : above[Math.floor((i * above.length) / count)];
      const node: Node = { id: rng.uuid(), level, parent, leaves: [] };
      const colour = parent ? colourOf.get(parent)! : COLOURS[i % COLOURS.length];
      colourOf.set(node, colour);
      const name = names[depth](i);
      const text = definitionOf(name, level);
      const sort = siblings.get(parent) ?? 0;
      siblings.set(parent, sort + 1);
      // The first nine codes carry the digit shortcuts a coder would give their most used codes.
      const shortcut = level === 'code' && i < 9 ? String(i + 1) : null;
      addNode.run(node.id, level, name, text.definition, text.inclusion, text.exclusion, colour, shortcut, level === 'theme' ? 'defined' : null, sort, CREATED_AT);
      if (parent) addLink.run(rng.uuid(), parent.id, node.id, sort);
      here.push(node);
      nodes.push(node);
    }
    above = here;
  });
  const codes = nodes.filter((n) => n.level === 'code');
  for (const code of codes) {
    for (let n: Node | null = code; n; n = n.parent) n.leaves.push(code.id);
  }
  return { nodes, codes };
}

/** Units per transcript: the long one first (when asked for), the rest spread ±40% around the mean, summing exactly. */
function splitUnits(rng: Prng, spec: StudySpec): number[] {
  const out = new Array<number>(spec.transcripts).fill(0);
  let first = 0;
  let remaining = spec.units;
  if (spec.longTranscriptUnits > 0) {
    out[0] = spec.longTranscriptUnits;
    remaining -= spec.longTranscriptUnits;
    first = 1;
  }
  const weights = out.slice(first).map(() => 0.6 + 0.8 * rng.float());
  const total = weights.reduce((a, b) => a + b, 0);
  let given = 0;
  weights.forEach((w, i) => {
    const n = i === weights.length - 1 ? remaining - given : Math.max(1, Math.round((remaining * w) / total));
    out[first + i] = n;
    given += n;
  });
  return out;
}

function pickSpeakers(rng: Prng, local: readonly GeneratedParticipant[], count: number): Speaker[] {
  return pickDistinct(rng, local, count).map((p) => ({ id: p.id, label: p.label, facilitator: false }));
}

function pickDistinct<T>(rng: Prng, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length > 0) out.push(pool.splice(rng.int(pool.length), 1)[0]);
  return out;
}

interface BuiltTurn {
  readonly speaker: Speaker;
  readonly start: number;
  readonly end: number;
  readonly timestamp: string;
}

interface BuiltUnit {
  readonly start: number;
  readonly end: number;
  readonly condensed: string;
  readonly interpretive: string;
}

const FACILITATOR: Speaker = { id: null, label: 'Facilitator', facilitator: true };
const FACILITATOR_DE: Speaker = { id: null, label: 'Moderation', facilitator: true };

function clock(seconds: number): string {
  const s = Math.floor(seconds);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`;
}

/** A transcript as "[hh:mm:ss] Label: words" turns, one per paragraph; units sit inside participants' turns. */
function buildTranscript(rng: Prng, speakers: readonly Speaker[], unitCount: number, language: Language = 'en'): { text: string; turns: BuiltTurn[]; units: BuiltUnit[] } {
  const facilitator = language === 'de' ? FACILITATOR_DE : FACILITATOR;
  const parts: string[] = [];
  let length = 0;
  const turns: BuiltTurn[] = [];
  const units: BuiltUnit[] = [];
  // Kept in an object: the closures below update it.
  const at = { seconds: 0, previous: null as Speaker | null };
  const append = (s: string) => {
    parts.push(s);
    length += s.length;
  };
  const openTurn = (speaker: Speaker) => {
    if (length > 0) append('\n\n');
    append(`[${clock(at.seconds)}] ${speaker.label}: `);
    return length;
  };
  const closeTurn = (speaker: Speaker, start: number) => {
    turns.push({ speaker, start, end: length, timestamp: clock(at.seconds) });
    at.seconds += (length - start) / 14;
    at.previous = speaker;
  };

  let left = unitCount;
  while (left > 0) {
    if (at.previous === null || rng.chance(0.3)) {
      const start = openTurn(facilitator);
      append(question(rng, language));
      closeTurn(facilitator, start);
    }
    const choices = speakers.length > 1 ? speakers.filter((s) => s !== at.previous) : speakers;
    const speaker = rng.pick(choices);
    const start = openTurn(speaker);
    if (rng.chance(0.12)) append(`${filler(rng, language)} `);
    const inTurn = Math.min(left, rng.between(1, 4));
    for (let u = 0; u < inTurn; u++) {
      if (u > 0) append(' ');
      const sentences = rng.between(2, 5);
      const unitStart = length;
      let gist = '';
      for (let s = 0; s < sentences; s++) {
        const said = sentence(rng, language);
        if (s > 0) append(' ');
        append(said.text);
        if (s === 0) gist = said.gist;
      }
      const interpretive = rng.chance(0.05) ? 'Suggests the team compensates informally for structural gaps.' : '';
      units.push({ start: unitStart, end: length, condensed: gist, interpretive });
    }
    left -= inTurn;
    closeTurn(speaker, start);
  }
  return { text: parts.join(''), turns, units };
}

function siblingOf(rng: Prng, code: string, parentOf: ReadonlyMap<string, Node>, taken: ReadonlySet<string>): string | null {
  const options = parentOf.get(code)!.leaves.filter((c) => !taken.has(c));
  return options.length ? rng.pick(options) : null;
}

function anyFree(rng: Prng, codes: readonly Node[], taken: ReadonlySet<string>): string {
  for (;;) {
    const c = rng.pick(codes).id;
    if (!taken.has(c)) return c;
  }
}

/** Coder A's codes on one unit: mostly from the transcript's focus codes, a second one often a sibling. */
function codesForA(rng: Prng, focus: readonly Node[], codes: readonly Node[], parentOf: ReadonlyMap<string, Node>, howMany: number): string[] {
  const taken = new Set<string>();
  const out: string[] = [];
  while (out.length < howMany) {
    let next: string | null = null;
    if (out.length > 0 && rng.chance(0.5)) next = siblingOf(rng, out[out.length - 1], parentOf, taken);
    if (!next) {
      const f = rng.pick(focus).id;
      next = taken.has(f) ? anyFree(rng, codes, taken) : f;
    }
    taken.add(next);
    out.push(next);
  }
  return out;
}

/** Coder B agrees with A on most codes and otherwise picks a neighbouring code. */
function codesForB(rng: Prng, a: readonly string[], codes: readonly Node[], parentOf: ReadonlyMap<string, Node>): string[] {
  const taken = new Set<string>();
  const out: string[] = [];
  for (const code of a) {
    let next: string | null = null;
    if (rng.chance(AGREEMENT) && !taken.has(code)) next = code;
    else next = siblingOf(rng, code, parentOf, new Set([...taken, code])) ?? anyFree(rng, codes, new Set([...taken, code]));
    taken.add(next);
    out.push(next);
  }
  return out;
}

function insertQuotes(db: Database.Database, rng: Prng, spec: StudySpec, nodes: readonly Node[], unitsByCodeA: ReadonlyMap<string, readonly string[]>): number {
  const add = db.prepare(`INSERT INTO quotes (id, node_id, unit_id, sort) VALUES (?, ?, ?, ?)`);
  const seen = new Set<string>();
  const perNode = new Map<string, number>();
  let made = 0;
  for (let attempt = 0; made < spec.quotes && attempt < spec.quotes * 20; attempt++) {
    const node = nodes[attempt % nodes.length];
    const units = unitsByCodeA.get(rng.pick(node.leaves));
    if (!units?.length) continue;
    const unit = rng.pick(units);
    const key = `${node.id}|${unit}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const sort = perNode.get(node.id) ?? 0;
    perNode.set(node.id, sort + 1);
    add.run(rng.uuid(), node.id, unit, sort);
    made += 1;
  }
  return made;
}

interface MemoTargets {
  readonly coderA: string;
  readonly coderB: string;
  readonly documentIds: readonly string[];
  readonly participants: readonly GeneratedParticipant[];
  readonly nodes: readonly Node[];
  readonly unitIdsByDocument: ReadonlyMap<string, readonly string[]>;
}

function insertMemos(db: Database.Database, rng: Prng, spec: StudySpec, t: MemoTargets): number {
  const add = db.prepare(`INSERT INTO memos (id, target_type, target_id, title, body, author_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const projectId = db.prepare(`SELECT id FROM project`).pluck().get() as string;
  for (let i = 0; i < spec.memos; i++) {
    const roll = i % 20;
    let type: string;
    let target: string;
    if (roll < 10) {
      type = 'unit';
      target = rng.pick(t.unitIdsByDocument.get(rng.pick(t.documentIds))!);
    } else if (roll < 14) {
      type = 'node';
      target = rng.pick(t.nodes).id;
    } else if (roll < 17) {
      type = 'document';
      target = rng.pick(t.documentIds);
    } else if (roll < 19) {
      type = 'participant';
      target = rng.pick(t.participants).id;
    } else {
      type = 'project';
      target = projectId;
    }
    add.run(rng.uuid(), type, target, `Memo ${i + 1}`, memoBody(rng), rng.chance(0.6) ? t.coderA : t.coderB, CREATED_AT, CREATED_AT);
  }
  return spec.memos;
}

function insertJournal(db: Database.Database, rng: Prng, spec: StudySpec, coders: readonly string[]): void {
  const add = db.prepare(`INSERT INTO journal_entries (id, entry_date, body, author_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`);
  for (let i = 0; i < spec.journal; i++) {
    const day = new Date(Date.UTC(2024, 2, 1) + i * 86_400_000 * 3).toISOString().slice(0, 10);
    add.run(rng.uuid(), day, memoBody(rng), rng.pick(coders), CREATED_AT, CREATED_AT);
  }
}

/** Where the cached study of a size lives: the generator and schema versions are part of the name. */
export function cachedStudyPath(folder: string, size: StudySize, seed = DEFAULT_SEED): string {
  return path.join(folder, `${size}-g${GENERATOR_VERSION}-v${SCHEMA_VERSION}-s${seed.toString(16)}.condensa`);
}

/** The cached study of a size, made first when it is missing; its figures sit beside it as JSON. */
export function ensureStudy(folder: string, size: StudySize, seed = DEFAULT_SEED): GeneratedStudy & { readonly cached: boolean } {
  const file = cachedStudyPath(folder, size, seed);
  const sidecar = `${file}.json`;
  if (fs.existsSync(file) && fs.existsSync(sidecar)) {
    return { ...(JSON.parse(fs.readFileSync(sidecar, 'utf8')) as GeneratedStudy), file, cached: true };
  }
  fs.mkdirSync(folder, { recursive: true });
  fs.rmSync(file, { force: true });
  const study = generateStudy(file, STUDY_SPECS[size], seed);
  fs.writeFileSync(sidecar, JSON.stringify(study, null, 2));
  return { ...study, cached: false };
}

const FOCUS_GROUP_VOICES = ['Amira', 'Ben', 'Chloe', 'Dev', 'Eilidh', 'Femi', 'Grace'];

/**
 * A plain-text focus group of at least `bytes` bytes ("[hh:mm:ss] Name: words" paragraphs), the
 * file the import figure reads; written once and reused while the generator version holds.
 */
export function ensureFocusGroupFile(folder: string, bytes = 1_000_000, seed = DEFAULT_SEED): { readonly file: string; readonly bytes: number } {
  const file = path.join(folder, `focus-group-${Math.round(bytes / 1000)}kb-g${GENERATOR_VERSION}-s${seed.toString(16)}.txt`);
  if (!fs.existsSync(file)) {
    const rng = new Prng(seed ^ 0x7e47);
    const speakers = FOCUS_GROUP_VOICES.map((label) => ({ id: label, label, facilitator: false }));
    // About 290 bytes of text per unit: start a little over and trim whole turns off the end.
    let units = Math.ceil(bytes / 270);
    let text = buildTranscript(rng, speakers, units).text;
    while (Buffer.byteLength(text) < bytes) {
      units += 200;
      text = buildTranscript(new Prng(seed ^ 0x7e47), speakers, units).text;
    }
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(`${file}.partial`, `${text}\n`);
    fs.renameSync(`${file}.partial`, file);
  }
  return { file, bytes: fs.statSync(file).size };
}
