import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../shared/api/client';
import { AppError } from '../../shared/api/errors';
import { Application } from '../../electron/core/application';
import { directTransport } from '../../electron/core/direct-transport';
import { CAPTURED_TABLES } from '../../electron/core/store/migrations';
import { CORPUS, CORPUS_DIR, LARGE_CASES, readmeText, refused, imported, type CorpusCase, type Imported, type Outcome } from '../fixtures/bad-input/make-corpus';
import { makeSampleApp, type TestApp } from './support/app';

// The one systematic sweep of bad input: every corpus file goes to every importer it could
// plausibly be given, on the sample study. Each is refused with its stable code and a message
// that names the file or says what to do, and then the project is unchanged; or it is imported
// with the expected counts, and undoing the import leaves the project as it was. No call may
// take longer than CALL_BOUND_MS; the 200 MB files must be refused by their size, before reading.

const CALL_BOUND_MS = 20_000;
const SIZE_REFUSAL_BOUND_MS = 1_500;

type Importer = 'transcript' | 'attributes' | 'refiProject' | 'refiCodebook' | 'merge';

interface Run {
  readonly file: string;
  readonly importer: Importer;
  /** For transcripts sent as bytes: the name they are sent under. */
  readonly sendAs?: string;
  readonly outcome: Outcome;
  readonly large: boolean;
}

function runsOf(c: CorpusCase, large: boolean): Run[] {
  const e = c.expect;
  const runs: Run[] = [];
  const add = (importer: Importer, outcome: Outcome | undefined) => outcome && runs.push({ file: c.name, importer, outcome, large });
  add('transcript', e.transcript);
  for (const a of e.transcriptAs ?? []) runs.push({ file: c.name, importer: 'transcript', sendAs: a.name, outcome: a.outcome, large });
  add('attributes', e.attributes);
  add('refiProject', e.refiProject);
  add('refiCodebook', e.refiCodebook);
  add('merge', e.merge);
  return runs;
}

// Made here because they hold a project made at this moment (ids and dates differ every run).
const PROJECT_CASES: readonly CorpusCase[] = [
  { name: 'other-study.condensa', problem: 'another study', expect: { merge: refused('NOT_A_COPY') } },
  { name: 'plain-copy.condensa', problem: 'a plain copy of this study', expect: { merge: imported({}) } },
  { name: 'not-condensa.condensa', problem: 'an SQLite file of another program', expect: { merge: refused('PROJECT_NOT_SQLITE') } },
];

const RUNS: readonly Run[] = [
  ...CORPUS.flatMap((c) => runsOf(c, false)),
  ...LARGE_CASES.flatMap((c) => runsOf(c, true)),
  ...PROJECT_CASES.flatMap((c) => runsOf(c, true)),
];

let t: TestApp;
let sampleFile: string;
let temp: string;

function pathOf(run: Run): string {
  return path.join(run.large ? temp : CORPUS_DIR, run.file);
}

function db(): Database.Database {
  return t.app.requireProject().db;
}

/** The project's content as one digest per table (every captured table and the settings), and the number of audit steps. */
function state() {
  const tables: Record<string, string> = {};
  for (const table of [...CAPTURED_TABLES, 'settings']) {
    const rows = db().prepare(`SELECT * FROM "${table}" ORDER BY 1`).raw().all();
    tables[table] = `${rows.length}:${createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 16)}`;
  }
  const auditSteps = db().prepare(`SELECT count(*) FROM audit_steps`).pluck().get() as number;
  return { tables, auditSteps, path: t.app.requireProject().file.path };
}

function count(table: string): number {
  return db().prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number;
}

/** Runs a call, failing the test if it takes longer than the bound; returns the result or the AppError. */
async function timed<T>(call: () => Promise<T>, bound = CALL_BOUND_MS): Promise<{ value?: T; error?: AppError; ms: number }> {
  const started = performance.now();
  let value: T | undefined;
  let error: AppError | undefined;
  try {
    value = await call();
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    error = err;
  }
  const ms = performance.now() - started;
  expect(ms, `took ${Math.round(ms)} ms`).toBeLessThan(bound);
  return { value, error, ms };
}

// Says what to do: a verb a person can act on.
const ACTIONABLE = /\b(choose|save|export|open|fix|remove|split|run|update|close|check|import|unpack|copy)\b/i;

function expectRefusal(run: Run, error: { code: string; message: string } | undefined, code: string): void {
  expect(error, `${run.file} was not refused`).toBeDefined();
  expect(error!.code).toBe(code);
  expect(error!.code).not.toBe('INTERNAL');
  const names = error!.message.includes(run.sendAs ?? run.file);
  expect(names || ACTIONABLE.test(error!.message), `message neither names the file nor says what to do: ${error!.message}`).toBe(true);
  expect(error!.message).not.toMatch(/Something went wrong|undefined|\[object /);
}

async function undoImport(before: ReturnType<typeof state>): Promise<void> {
  await t.client.call('history.undo', {});
  // Undo is a recorded step of its own; the content is back exactly as it was.
  expect(state().tables).toEqual(before.tables);
}

async function transcriptRun(run: Run): Promise<void> {
  const file = pathOf(run);
  const source = run.sendAs
    ? { kind: 'bytes' as const, name: run.sendAs, base64: fs.readFileSync(file).toString('base64') }
    : { kind: 'path' as const, path: file };
  const before = state();
  const bound = run.file.startsWith('huge-') ? SIZE_REFUSAL_BOUND_MS : CALL_BOUND_MS;
  const { value } = await timed(() => t.client.call('import.preview', { sources: [source] }), bound);
  const outcome = value!.files[0];
  if ('refused' in run.outcome) {
    expectRefusal(run, outcome.ok ? undefined : outcome.error, run.outcome.refused);
    expect(outcome.fileName).toBe(run.sendAs ?? run.file);
    expect(state()).toEqual(before);
    return;
  }
  expect(outcome.ok, outcome.ok ? '' : `${outcome.error.code}: ${outcome.error.message}`).toBe(true);
  if (!outcome.ok) return;
  const want: Imported = run.outcome.imported;
  const preview = outcome.preview;
  if (want.speakers !== undefined) expect(preview.speakers.length).toBe(want.speakers);
  if (want.encoding !== undefined) expect(preview.encoding).toBe(want.encoding);
  const { value: result } = await timed(() => t.client.call('import.commit', { previewId: preview.previewId }));
  if (want.turns !== undefined) expect(result!.turns).toBe(want.turns);
  if (want.participants !== undefined) expect(result!.participantsCreated).toBe(want.participants);
  expect(result!.turns).toBe(preview.turns);
  const doc = await t.client.call('documents.get', { id: result!.documentId });
  expect(doc.text.length).toBe(preview.textLength);
  expect(doc.text).not.toMatch(/\0/);
  if (want.text !== undefined) expect(doc.text).toContain(want.text);
  const after = state();
  expect(after.auditSteps).toBe(before.auditSteps + 1);
  expect(count('documents')).toBe(Number(before.tables.documents.split(':')[0]) + 1);
  await undoImport(before);
}

async function attributesRun(run: Run): Promise<void> {
  const source = { kind: 'path' as const, path: pathOf(run) };
  const before = state();
  const bound = run.file.startsWith('huge-') ? SIZE_REFUSAL_BOUND_MS : CALL_BOUND_MS;
  const read = await timed(() => t.client.call('participants.readAttributeTable', { source }), bound);
  // What a person would then ask for: every other column as an attribute, as suggested.
  const table = read.value;
  const keyColumn = table?.keyColumn ?? 0;
  const width = table?.columns.length ?? 2;
  const columns = Array.from({ length: width }, (_, c) => c)
    .filter((c) => c !== keyColumn)
    .map((c) => ({ column: c, attributeId: table?.suggestions[c].attributeId ?? null, type: table?.suggestions[c].type }));
  const write = await timed(() => t.client.call('participants.importAttributes', { source, keyColumn, columns: columns.length ? columns : [{ column: 1 }] }), bound);
  if ('refused' in run.outcome) {
    // A table is read before anything is asked of the user; only a mismatch with the project waits for the import.
    if (run.outcome.refused === 'INVALID_VALUE') expect(read.value?.matched).toBe(0);
    else expectRefusal(run, read.error, run.outcome.refused);
    expectRefusal(run, write.error, run.outcome.refused);
    expect(state()).toEqual(before);
    return;
  }
  expect(read.error, read.error?.message).toBeUndefined();
  expect(write.error, write.error?.message).toBeUndefined();
  const want = run.outcome.imported;
  if (want.values !== undefined) expect(write.value!.values).toBe(want.values);
  if (want.unmatched !== undefined) expect(write.value!.unmatched).toHaveLength(want.unmatched);
  expect(state().auditSteps).toBe(before.auditSteps + 1);
  await undoImport(before);
}

async function refiRun(run: Run): Promise<void> {
  const before = state();
  const bound = run.file.startsWith('huge-') ? SIZE_REFUSAL_BOUND_MS : CALL_BOUND_MS;
  if (run.importer === 'refiProject') {
    const target = path.join(temp, `from-${run.file}.condensa`);
    const { error } = await timed(() => t.client.call('refi.importProject', { sourcePath: pathOf(run), targetPath: target }), bound);
    if ('refused' in run.outcome) {
      expectRefusal(run, error, run.outcome.refused);
      // The open study stays open and unchanged, and no new file is left behind.
      expect(fs.existsSync(target)).toBe(false);
      expect(state()).toEqual(before);
      return;
    }
    expect(error, error?.message).toBeUndefined();
    await t.client.call('project.open', { path: sampleFile });
    return;
  }
  const nodes = count('codebook_nodes');
  const { error } = await timed(() => t.client.call('refi.importCodebook', { sourcePath: pathOf(run) }), bound);
  if ('refused' in run.outcome) {
    expectRefusal(run, error, run.outcome.refused);
    expect(state()).toEqual(before);
    return;
  }
  expect(error, error?.message).toBeUndefined();
  if (run.outcome.imported.codes !== undefined) expect(count('codebook_nodes') - nodes).toBe(run.outcome.imported.codes);
  await undoImport(before);
}

async function mergeRun(run: Run): Promise<void> {
  if (run.file === 'plain-copy.condensa') {
    // Copied at this moment, so that it holds exactly what the study holds now.
    fs.rmSync(pathOf(run), { force: true });
    db().exec(`VACUUM INTO '${pathOf(run).replace(/'/g, "''")}'`);
  }
  const before = state();
  const { value, error } = await timed(() => t.client.call('exchange.merge', { path: pathOf(run) }));
  if ('refused' in run.outcome) {
    expectRefusal(run, error, run.outcome.refused);
    expect(state()).toEqual(before);
    return;
  }
  expect(error, error?.message).toBeUndefined();
  // A plain copy of this very study holds nothing new; Condensa says it could not tell who changed
  // what. Only the list of merges (a setting, outside undo) notes that it happened.
  expect(value!.nothingNew).toBe(true);
  expect(value!.notices.length).toBeGreaterThan(0);
  const after = state();
  expect(after.auditSteps).toBe(before.auditSteps);
  expect({ ...after.tables, settings: '' }).toEqual({ ...before.tables, settings: '' });
}

const RUNNERS: Readonly<Record<Importer, (run: Run) => Promise<void>>> = {
  transcript: transcriptRun,
  attributes: attributesRun,
  refiProject: refiRun,
  refiCodebook: refiRun,
  merge: mergeRun,
};

function describeRun(run: Run): string {
  const how = run.sendAs ? `transcript as “${run.sendAs}”` : run.importer;
  const what = 'refused' in run.outcome ? `refused ${run.outcome.refused}` : 'imported';
  return `${run.file} → ${how}: ${what}`;
}

describe('the bad-input corpus against every importer, on the sample study', () => {
  beforeAll(async () => {
    t = await makeSampleApp();
    sampleFile = t.app.requireProject().file.path;
    temp = path.join(t.dir, 'generated');
    fs.mkdirSync(temp);
    for (const c of LARGE_CASES) c.write(path.join(temp, c.name));
    // Another study, and another program's SQLite file (the plain copy is made when it is merged).
    const other = new Application({ platform: 'direct', version: 'test', dialogs: null, projectsFolder: temp, userDataFolder: path.join(temp, 'other-data') }, {});
    await createClient(directTransport(other)).call('project.create', { path: path.join(temp, 'other-study.condensa'), title: 'Another study' });
    other.closeProject();
    const foreign = new Database(path.join(temp, 'not-condensa.condensa'));
    foreign.exec('CREATE TABLE notes (id TEXT PRIMARY KEY, body TEXT); INSERT INTO notes VALUES (1, 2);');
    foreign.close();
  }, 120_000);
  afterAll(() => t?.close());

  it('has at least 40 committed files, each at most 64 KB, exactly as make-corpus.ts makes them, and the README table matches', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(40);
    for (const c of CORPUS) {
      const committed = fs.readFileSync(path.join(CORPUS_DIR, c.name));
      expect(committed.length, c.name).toBeLessThanOrEqual(64 * 1024);
      expect(Buffer.compare(committed, Buffer.from(c.bytes())), `${c.name} differs from what make-corpus.ts makes`).toBe(0);
    }
    expect(fs.readFileSync(path.join(CORPUS_DIR, 'README.md'), 'utf8')).toBe(readmeText());
  });

  it.each(RUNS.map((r) => [describeRun(r), r] as const))('%s', async (_name, run) => {
    await RUNNERS[run.importer](run);
    // Whatever happened, the sample study is still the open project and still sound.
    expect(t.app.requireProject().file.path).toBe(sampleFile);
    expect(db().pragma('foreign_key_check')).toEqual([]);
  }, 60_000);
});
