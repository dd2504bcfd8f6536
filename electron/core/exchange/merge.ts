import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CopyOrigin, MergeConflict, MergeReport } from '../../../shared/api/methods/exchange';
import { AppError } from '../../../shared/api/errors';
import { recordWords } from '../../../shared/domain/vocabulary';
import { projectRow } from '../repos/project-repo';
import { CAPTURED_TABLES, migrate, SCHEMA_VERSION } from '../store/migrations';
import { APPLICATION_ID } from '../store/file-format';
import { canonicalPath } from '../store/project-file';
import { nowIso, stmt } from '../store/statements';
import type { TaskStep } from '../tasks';
import { alignTranscripts, type RepairThere } from './text-repairs';
import { appendToList, MERGES_KEY, quoteIdent, readBase, readOrigin, snapshotOf, type Row, type TableRows } from './snapshot';

/** A returned coder copy, read into memory: its rows, and the base it was handed out with. */
export interface ReturnedCopy {
  readonly path: string;
  readonly projectId: string;
  readonly origin: CopyOrigin | null;
  readonly base: Map<string, TableRows> | null;
  readonly rows: Map<string, TableRows>;
}

export interface Merged {
  readonly copyId: string | null;
  readonly path: string;
  readonly coderName: string | null;
  readonly mergedAt: string;
  readonly conflicts: number;
}

const FIELD_WORDS: Readonly<Record<string, string>> = {
  name: 'name',
  definition: 'definition',
  inclusion: 'inclusion criteria',
  exclusion: 'exclusion criteria',
  condensed: 'condensation',
  interpretive: 'interpretive condensation',
  start: 'start',
  end: 'end',
  text: 'transcript',
  turns: 'turns',
  body: 'text',
  title: 'title',
  colour: 'colour',
  level: 'level',
};

/** Rows the person who made the copy may delete there, and we then delete here. */
const OWNER_COLUMN: Readonly<Record<string, string>> = {
  codings: 'coder_id',
  memos: 'author_id',
  journal_entries: 'author_id',
  resolutions: 'resolver_id',
};

// Changed on every edit: never a conflict on its own, and the newer value wins.
const TIMESTAMP_COLUMNS = new Set(['updated_at']);

/** Working state of one file, not study content: a coder opening the comparison in their copy must not end blind coding here. */
const LOCAL_COLUMNS: Readonly<Record<string, ReadonlySet<string>>> = { project: new Set(['blind']) };

const MEMO_TARGET_TABLES: Readonly<Record<string, string>> = {
  unit: 'meaning_units',
  node: 'codebook_nodes',
  document: 'documents',
  participant: 'participants',
  coding: 'codings',
};

/** Reads a returned copy without touching it: a snapshot is taken into a temporary file and upgraded if older. */
export function readReturnedCopy(file: string, oursPath: string): ReturnedCopy {
  const target = canonicalPath(file);
  if (!fs.existsSync(target) || fs.statSync(target).isDirectory()) {
    throw new AppError('PROJECT_NOT_FOUND', `No coder copy at ${target}. Check the file name and where it was saved.`);
  }
  if (target === oursPath) throw new AppError('BAD_REQUEST', 'That is this study itself. Choose the copy the other coder sent back.');
  const temp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'condensa-merge-')), 'returned.condensa');
  let source: Database.Database | null = null;
  let copy: Database.Database | null = null;
  try {
    try {
      source = new Database(target, { fileMustExist: true, timeout: 0 });
      if (source.pragma('application_id', { simple: true }) !== APPLICATION_ID) throw notAProject(target);
    } catch (err) {
      if (err instanceof AppError) throw err;
      const code = (err as { code?: string }).code;
      if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
        throw new AppError('PROJECT_LOCKED', `“${path.basename(target)}” is open in Condensa elsewhere. Close it there, then merge again.`);
      }
      throw notAProject(target);
    }
    const version = source.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new AppError('PROJECT_NEWER_SCHEMA', `“${path.basename(target)}” was saved by a newer Condensa (file schema v${version}). Update Condensa, then merge it.`);
    }
    source.exec(`VACUUM INTO '${temp.replace(/'/g, "''")}'`);
    source.close();
    source = null;
    copy = new Database(temp);
    migrate(copy);
    return { path: target, projectId: projectRow(copy).id, origin: readOrigin(copy), base: readBase(copy), rows: snapshotOf(copy) };
  } finally {
    source?.close();
    copy?.close();
    fs.rmSync(path.dirname(temp), { recursive: true, force: true });
  }
}

function notAProject(file: string): AppError {
  return new AppError('PROJECT_NOT_SQLITE', `“${path.basename(file)}” is not a Condensa project, so it cannot be merged.`);
}

interface ForeignKey {
  readonly column: string;
  readonly table: string;
}

/**
 * Merges a returned copy into the open study, inside the caller's transaction (one undo step).
 * Rows are matched by ID only. Each value is compared with the base: a value only they changed is
 * taken, a value only we changed is kept, a value both changed differently is a conflict — ours is
 * kept and theirs goes into the report and a memo on the thing, so nothing either side wrote is lost.
 */
export async function mergeReturnedCopy(db: Database.Database, returned: ReturnedCopy, mergerId: string | null, step: TaskStep): Promise<MergeReport> {
  const parts = CAPTURED_TABLES.length + 1;
  await step('Reading this project', 0, parts);
  const ours = snapshotOf(db);
  const projectId = projectRow(db).id;
  if (returned.projectId !== projectId) {
    throw new AppError(
      'NOT_A_COPY',
      `“${path.basename(returned.path)}” is a different study, not a copy of this one. Only copies made here with “Hand a copy to another coder” (or copies of this file) can be merged.`,
    );
  }
  const m = new Merger(db, ours, returned, mergerId);
  db.pragma('defer_foreign_keys = ON');
  m.repairedThere(alignTranscripts(ours, returned.rows, returned.base));
  for (const [i, table] of CAPTURED_TABLES.entries()) {
    await step(`Merging ${recordWords(table)}`, i + 1, parts);
    m.mergeTable(table);
  }
  const report = m.report();
  appendToList<Merged>(db, MERGES_KEY, {
    copyId: returned.origin?.copyId ?? null,
    path: returned.path,
    coderName: returned.origin?.coderName ?? null,
    mergedAt: nowIso(),
    conflicts: report.conflicts.length,
  });
  return report;
}

class Merger {
  private readonly added = new Map<string, number>();
  private readonly updated = new Map<string, number>();
  private readonly removed = new Map<string, number>();
  private readonly keptHere = new Map<string, number>();
  private readonly conflicts: MergeConflict[] = [];
  private readonly notices: string[] = [];
  /** Rows we deleted that they left as they were: restored only if their work needs them. */
  private readonly restorable = new Map<string, Row>();
  private readonly skipped = new Set<string>();
  private readonly columns = new Map<string, string[]>();
  private readonly foreignKeys = new Map<string, ForeignKey[]>();
  private readonly copyName: string;

  constructor(
    private readonly db: Database.Database,
    private readonly ours: Map<string, TableRows>,
    private readonly returned: ReturnedCopy,
    private readonly mergerId: string | null,
  ) {
    this.copyName = returned.origin?.coderName ? `${returned.origin.coderName}’s copy` : 'the returned copy';
    if (!returned.base) {
      this.notices.push(
        'This file carries no hand-out record (it was not made with “Hand a copy to another coder”), so where both files differ Condensa cannot tell who changed what: every such difference is listed as a conflict and this study’s version is kept.',
      );
    }
  }

  mergeTable(table: string): void {
    const theirs = this.returned.rows.get(table);
    if (!theirs) return;
    const ours = this.ours.get(table)!;
    const base = this.returned.base?.get(table) ?? null;
    for (const [id, t] of theirs) {
      const o = ours.get(id);
      const b = base?.get(id);
      if (!o) this.theirsOnly(table, id, t, b);
      else this.both(table, o, t, b);
    }
    if (!base) return;
    for (const [id, o] of [...ours]) {
      if (theirs.has(id) || !base.has(id)) continue;
      this.deletedThere(table, o, base.get(id)!);
    }
  }

  private theirsOnly(table: string, id: string, t: Row, b: Row | undefined): void {
    if (!b) {
      if (this.insert(table, t)) this.count(this.added, table, t);
      return;
    }
    if (this.same(table, t, b)) {
      this.restorable.set(`${table}:${id}`, t);
      return;
    }
    if (this.insert(table, t)) {
      this.conflicts.push({
        kind: 'deleted-here-changed-there',
        table,
        rowId: id,
        what: this.describe(table, t),
        fields: this.changedFields(table, b, t).map((field) => ({ field, base: b[field] ?? null, ours: null, theirs: t[field] ?? null })),
        outcome: `Deleted here but changed in ${this.copyName}: restored with their changes. Delete it again if it should go.`,
        memoId: null,
      });
    }
  }

  private both(table: string, o: Row, t: Row, b: Row | undefined): void {
    if (this.same(table, o, t)) return;
    const merged: Row = { ...o };
    const clashes: MergeConflict['fields'] = [];
    let takeTheirs = false;
    for (const field of this.columnsOf(table)) {
      if (field === 'id' || TIMESTAMP_COLUMNS.has(field) || LOCAL_COLUMNS[table]?.has(field)) continue;
      if (equal(o[field], t[field])) continue;
      if (b && equal(t[field], b[field])) continue;
      if (b && equal(o[field], b[field])) {
        merged[field] = t[field];
        takeTheirs = true;
      } else {
        clashes.push({ field, base: b ? (b[field] ?? null) : null, ours: o[field] ?? null, theirs: t[field] ?? null });
      }
    }
    if (takeTheirs) {
      for (const field of TIMESTAMP_COLUMNS) {
        if (field in merged && String(t[field] ?? '') > String(o[field] ?? '')) merged[field] = t[field];
      }
      if (this.update(table, merged)) this.count(this.updated, table, merged);
    }
    if (clashes.length > 0) {
      const what = this.describe(table, o);
      const memoId = this.conflictMemo(table, o, what, clashes);
      this.conflicts.push({
        kind: 'edited-in-both',
        table,
        rowId: String(o.id),
        what,
        fields: clashes,
        outcome: `Changed both here and in ${this.copyName}: this study’s version is kept; theirs is in a memo${memoId ? '' : ' (already recorded by an earlier merge)'}.`,
        memoId,
      });
    }
  }

  /** Repairs of transcripts made in the copy: reported as conflicts, kept in a memo on the document, never applied over ours. */
  repairedThere(repairs: readonly RepairThere[]): void {
    for (const r of repairs) {
      const o = this.ours.get('documents')!.get(r.documentId)!;
      const fields: MergeConflict['fields'] = [];
      if (r.text) fields.push({ field: 'text', base: r.text.base, ours: r.text.ours, theirs: r.text.theirs });
      if (r.turns.length > 0) fields.push({ field: 'turns', base: null, ours: null, theirs: r.turns.join('; ') });
      const what = `transcript of “${r.title}”`;
      const done = [r.text ? 'its text corrected' : '', r.turns.length > 0 ? `${r.turns.length === 1 ? 'a change' : `${r.turns.length} changes`} to its turns` : '']
        .filter(Boolean)
        .join(' and ');
      const memoId = this.conflictMemo('documents', o, what, fields, `Merging ${this.copyName}: the ${what} was repaired there (${done}). This study’s transcript is kept, and the codings merged from the copy were moved onto the same words here. Their repair is recorded here: make it in this study if it is right.`);
      this.conflicts.push({
        kind: 'repaired-there',
        table: 'documents',
        rowId: r.documentId,
        what,
        fields,
        outcome: `Repaired in ${this.copyName} (${done}): this study’s transcript is kept; their repair is in a memo on the document${memoId ? '' : ' (already recorded by an earlier merge)'}. Make it here if it is right.`,
        memoId,
      });
    }
  }

  private deletedThere(table: string, o: Row, b: Row): void {
    const ownerColumn = OWNER_COLUMN[table];
    const copyCoder = this.returned.origin?.coderId ?? null;
    if (ownerColumn && copyCoder && o[ownerColumn] === copyCoder && this.same(table, o, b)) {
      stmt(this.db, `DELETE FROM ${quoteIdent(table)} WHERE id = ?`).run(o.id);
      this.ours.get(table)!.delete(String(o.id));
      this.count(this.removed, table, o);
      return;
    }
    this.keptHere.set(table, (this.keptHere.get(table) ?? 0) + 1);
  }

  /** Inserts a row of theirs, first restoring anything it refers to that we deleted. */
  private insert(table: string, row: Row): boolean {
    const ready = this.parentsPresent(table, row);
    if (!ready) return false;
    const cols = this.columnsOf(table);
    try {
      stmt(this.db, `INSERT INTO ${quoteIdent(table)} (${cols.map(quoteIdent).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(
        ...cols.map((c) => ready[c] ?? null),
      );
    } catch (err) {
      const code = (err as { code?: string }).code ?? '';
      if (!code.startsWith('SQLITE_CONSTRAINT')) throw err;
      this.skipped.add(`${table}:${String(row.id)}`);
      this.conflicts.push({
        kind: 'duplicate',
        table,
        rowId: String(row.id),
        what: this.describe(table, row),
        fields: [],
        outcome: `Added in ${this.copyName}, but this study already has an equivalent one (same name or same coding): theirs was not added.`,
        memoId: null,
      });
      return false;
    }
    this.ours.get(table)!.set(String(row.id), ready);
    return true;
  }

  private update(table: string, row: Row): boolean {
    const ready = this.parentsPresent(table, row);
    if (!ready) return false;
    const cols = this.columnsOf(table).filter((c) => c !== 'id');
    stmt(this.db, `UPDATE ${quoteIdent(table)} SET ${cols.map((c) => `${quoteIdent(c)} = ?`).join(', ')} WHERE id = ?`).run(...cols.map((c) => ready[c] ?? null), row.id);
    this.ours.get(table)!.set(String(row.id), ready);
    return true;
  }

  /** The row ready to write, or null when something it needs is missing on both sides. */
  private parentsPresent(table: string, row: Row): Row | null {
    let ready = row;
    for (const fk of this.foreignKeysOf(table)) {
      const value = row[fk.column];
      if (value === null || value === undefined) continue;
      if (!this.ensure(fk.table, String(value))) {
        this.notices.push(`${capitalise(this.describe(table, row))} from ${this.copyName} was not added: it refers to something that exists in neither file.`);
        return null;
      }
    }
    if (table === 'memos') {
      const targetTable = MEMO_TARGET_TABLES[String(row.target_type)];
      if (targetTable && !this.ensure(targetTable, String(row.target_id))) {
        ready = { ...row, target_type: 'project', target_id: this.projectId() };
        this.notices.push(`A memo from ${this.copyName} was about something that no longer exists; it is kept as a project memo.`);
      }
    }
    return ready;
  }

  /** Whether a row exists here now, restoring a row we deleted when their work refers to it. */
  private ensure(table: string, id: string): boolean {
    if (this.ours.get(table)?.has(id)) return true;
    if (this.skipped.has(`${table}:${id}`)) return false;
    const key = `${table}:${id}`;
    const row = this.restorable.get(key);
    if (!row) return false;
    this.restorable.delete(key);
    if (!this.insert(table, row)) return false;
    this.conflicts.push({
      kind: 'deleted-here-changed-there',
      table,
      rowId: id,
      what: this.describe(table, row),
      fields: [],
      outcome: `Deleted here, but ${this.copyName} has work on it: restored so that work is kept. Delete it again if it should go.`,
      memoId: null,
    });
    return true;
  }

  private same(table: string, x: Row, y: Row): boolean {
    return this.columnsOf(table).every((c) => TIMESTAMP_COLUMNS.has(c) || LOCAL_COLUMNS[table]?.has(c) || equal(x[c], y[c]));
  }

  private changedFields(table: string, before: Row, after: Row): string[] {
    return this.columnsOf(table).filter((c) => c !== 'id' && !TIMESTAMP_COLUMNS.has(c) && !equal(before[c], after[c]));
  }

  private columnsOf(table: string): string[] {
    let cols = this.columns.get(table);
    if (!cols) {
      cols = (this.db.prepare(`PRAGMA table_info(${quoteIdent(table)})`).all() as { name: string }[]).map((c) => c.name);
      this.columns.set(table, cols);
    }
    return cols;
  }

  private foreignKeysOf(table: string): ForeignKey[] {
    let fks = this.foreignKeys.get(table);
    if (!fks) {
      fks = (this.db.prepare(`PRAGMA foreign_key_list(${quoteIdent(table)})`).all() as { from: string; table: string }[]).map((f) => ({ column: f.from, table: f.table }));
      this.foreignKeys.set(table, fks);
    }
    return fks;
  }

  private projectId(): string {
    return String([...this.ours.get('project')!.keys()][0]);
  }

  private count(map: Map<string, number>, table: string, row: Row): void {
    let label = recordWords(table);
    if (table === 'codings') label = `codings by ${this.coderName(String(row.coder_id))}`;
    map.set(label, (map.get(label) ?? 0) + 1);
  }

  private coderName(id: string): string {
    const row = this.ours.get('coders')?.get(id) ?? this.returned.rows.get('coders')?.get(id);
    return row ? String(row.name) : 'an unknown coder';
  }

  /** The thing in words, as a researcher would recognise it. */
  private describe(table: string, row: Row): string {
    switch (table) {
      case 'codebook_nodes':
        return `${String(row.level)} “${String(row.name)}”`;
      case 'meaning_units': {
        const doc = this.ours.get('documents')?.get(String(row.document_id));
        const text = doc ? String(doc.text).slice(Number(row.start), Number(row.end)) : '';
        return `meaning unit in ${doc ? String(doc.title) : 'a document'} (“${shorten(text, 60)}”)`;
      }
      case 'documents':
        return `document “${String(row.title)}”`;
      case 'memos':
        return `memo “${shorten(String(row.title) || String(row.body), 40)}”`;
      case 'participants':
        return `participant ${String(row.label)}`;
      case 'coders':
        return `coder ${String(row.name)}`;
      case 'codings':
        return `a coding by ${this.coderName(String(row.coder_id))}`;
      case 'project':
        return 'the project settings';
      default:
        return `a row of ${recordWords(table)}`;
    }
  }

  private conflictMemo(table: string, o: Row, what: string, fields: MergeConflict['fields'], lead?: string): string | null {
    const [targetType, targetId] = memoTarget(table, o, this.projectId());
    const origin = this.returned.origin;
    const when = origin ? ` (handed out ${origin.madeAt.slice(0, 10)})` : '';
    const lines = [lead ?? `Merging ${this.copyName}${when}: this ${what} was changed both here and there. This study’s version is kept; theirs is recorded here.`];
    for (const f of fields) {
      const word = FIELD_WORDS[f.field] ?? f.field.replace(/_/g, ' ');
      lines.push('', `${capitalise(word)} here: ${quoteValue(f.ours)}`, `${capitalise(word)} in ${this.copyName}: ${quoteValue(f.theirs)}`);
      if (this.returned.base) lines.push(`${capitalise(word)} when the copy was made: ${quoteValue(f.base)}`);
    }
    const body = lines.join('\n');
    const title = `Merge conflict: ${this.copyName}`;
    const existing = this.db.prepare(`SELECT id FROM memos WHERE target_type = ? AND target_id = ? AND body = ?`).get(targetType, targetId, body) as { id: string } | undefined;
    if (existing) return null;
    const id = randomUUID();
    const authorId = origin?.coderId && this.ours.get('coders')?.has(origin.coderId) ? origin.coderId : this.mergerId;
    const now = nowIso();
    this.db
      .prepare(`INSERT INTO memos (id, target_type, target_id, title, body, author_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(id, targetType, targetId, title, body, authorId, now, now);
    this.ours.get('memos')!.set(id, { id });
    return id;
  }

  report(): MergeReport {
    const list = (map: Map<string, number>) => [...map].map(([what, count]) => ({ what, count }));
    const notices = [...this.notices];
    for (const [table, n] of this.keptHere) {
      notices.push(`${n} ${recordWords(table)} deleted in ${this.copyName} are kept here: deletions there are applied only to that coder’s own codings, memos and decisions. Delete them here if they should go.`);
    }
    const added = list(this.added);
    const updated = list(this.updated);
    const removed = list(this.removed);
    return {
      path: this.returned.path,
      copy: this.returned.origin,
      added,
      updated,
      removed,
      conflicts: this.conflicts,
      notices,
      nothingNew: added.length + updated.length + removed.length + this.conflicts.length === 0,
    };
  }
}

function memoTarget(table: string, row: Row, projectId: string): [string, string] {
  switch (table) {
    case 'codebook_nodes':
      return ['node', String(row.id)];
    case 'meaning_units':
      return ['unit', String(row.id)];
    case 'documents':
      return ['document', String(row.id)];
    case 'participants':
      return ['participant', String(row.id)];
    case 'codings':
      return ['coding', String(row.id)];
    case 'memos':
      return [String(row.target_type), String(row.target_id)];
    default:
      return ['project', projectId];
  }
}

function equal(x: unknown, y: unknown): boolean {
  return x === y || ((x === null || x === undefined) && (y === null || y === undefined));
}

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function quoteValue(value: unknown): string {
  return value === null || value === undefined ? '(empty)' : `“${String(value)}”`;
}
