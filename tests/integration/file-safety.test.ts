import Database from 'better-sqlite3';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../electron/cli/main';
import { insertProject } from '../../electron/core/repos/project-repo';
import { loadSample } from '../../electron/core/sample/load-sample';
import { SAMPLE_STUDY } from '../../electron/core/sample/sample-study';
import { APPLICATION_ID } from '../../electron/core/store/file-format';
import { MIGRATIONS, migrate, SCHEMA_VERSION } from '../../electron/core/store/migrations';
import { listBackups, ProjectFile } from '../../electron/core/store/project-file';
import { makeSampleApp, makeTestApp, type TestApp } from './support/app';

// Issue #18, items 1–4: a project is never overwritten by an export, damage is found before work
// goes on, backups help instead of litter, and other programs' files are left byte for byte alone.

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('no export lands on a project (CLI)', () => {
  let dir = '';
  let out: string[] = [];
  let err: string[] = [];
  const io = () => ({ out: (t: string) => out.push(t), err: (t: string) => err.push(t), env: { CONDENSA_HOME: path.join(dir, 'home') }, cwd: dir });
  const at = (name: string) => path.join(dir, name);

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'condensa-safety-cli-'));
    out = [];
    err = [];
    expect(await runCli(['new', 'study.condensa', '--sample'], io())).toBe(EXIT.ok);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses the project itself, its journals, its backups folder, any .condensa and a renamed project, changing nothing', async () => {
    const project = at('study.condensa');
    fs.mkdirSync(at('study.condensa.backups'), { recursive: true });
    fs.copyFileSync(project, at('study.condensa.backups/2026-01-01T00-00-00-000Z.condensa'));
    fs.copyFileSync(project, at('renamed.db'));
    const targets = ['study.condensa', 'STUDY.CONDENSA', 'study.condensa-wal', 'study.condensa-shm', 'other.condensa', 'study.condensa.backups/2026-01-01T00-00-00-000Z.condensa', 'study.condensa.backups/new.csv', 'renamed.db'];
    const before = new Map(fs.readdirSync(dir, { recursive: true }).map((f) => [String(f), fs.statSync(at(String(f))).isFile() ? sha256(at(String(f))) : 'folder']));
    for (const target of targets) {
      err = [];
      const code = await runCli(['export', 'study.condensa', '--what', 'codebook', '--format', 'csv', '-o', target, '--force'], io());
      expect(code, target).toBe(EXIT.failed);
      expect(err.join('\n'), target).toMatch(/\[TARGET_PROTECTED\]/);
    }
    const after = new Map(fs.readdirSync(dir, { recursive: true }).map((f) => [String(f), fs.statSync(at(String(f))).isFile() ? sha256(at(String(f))) : 'folder']));
    // Nothing written, nothing replaced; the read-only opening left no backup and no journal either.
    expect(after).toEqual(before);
    expect(await runCli(['info', 'study.condensa'], io())).toBe(EXIT.ok);
  });

  it('replaces another existing file only with --force, through a temporary file', async () => {
    fs.writeFileSync(at('codebook.csv'), 'an earlier export');
    expect(await runCli(['export', 'study.condensa', '--what', 'codebook', '-o', 'codebook.csv'], io())).toBe(EXIT.failed);
    expect(err.join('\n')).toMatch(/already exists.*--force.*\[FILE_EXISTS\]/s);
    expect(fs.readFileSync(at('codebook.csv'), 'utf8')).toBe('an earlier export');
    expect(await runCli(['export-qdc', 'study.condensa', '-o', 'codebook.csv.qdc'], io())).toBe(EXIT.ok);
    expect(await runCli(['export-qdc', 'study.condensa', '-o', 'codebook.csv.qdc'], io())).toBe(EXIT.failed);
    expect(err.join('\n')).toMatch(/\[FILE_EXISTS\]/);

    expect(await runCli(['export', 'study.condensa', '--what', 'codebook', '-o', 'codebook.csv', '--force'], io())).toBe(EXIT.ok);
    expect(fs.readFileSync(at('codebook.csv'), 'utf8')).not.toBe('an earlier export');
    expect(fs.readdirSync(dir).filter((f) => f.includes('.partial'))).toEqual([]);
  });

  it('reads only: info and exports make no backup, leave no file beside the project, change no byte and add no recent project', async () => {
    const project = at('study.condensa');
    const hash = sha256(project);
    const prefs = at('home/.app/preferences.json');
    const recentBefore = fs.readFileSync(prefs, 'utf8');
    // `new` left the project and its first backup; reading adds nothing to either.
    const backupsBefore = fs.readdirSync(at('study.condensa.backups'));
    expect(backupsBefore).toHaveLength(1);
    expect(await runCli(['info', 'study.condensa'], io())).toBe(EXIT.ok);
    expect(await runCli(['export', 'study.condensa', '--what', 'categories', '-o', 'categories.docx'], io())).toBe(EXIT.ok);
    expect(await runCli(['export-qdpx', 'study.condensa', '-o', 'study.qdpx'], io())).toBe(EXIT.ok);
    expect(sha256(project)).toBe(hash);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('study.condensa'))).toEqual(['study.condensa', 'study.condensa.backups']);
    expect(fs.readdirSync(at('study.condensa.backups'))).toEqual(backupsBefore);
    expect(fs.readFileSync(prefs, 'utf8')).toBe(recentBefore);
  });

  it('reads a file from the previous version (write-ahead log on) without changing it: upgraded in memory only', async () => {
    // The file as the previous version leaves it: every migration but the last, write-ahead log on.
    const project = at('previous.condensa');
    const db = new Database(project);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma('journal_mode = WAL');
    migrate(db, MIGRATIONS.slice(0, -1));
    db.transaction(() => {
      insertProject(db, randomUUID(), SAMPLE_STUDY.title, SAMPLE_STUDY.methodology);
      loadSample(db, SAMPLE_STUDY);
    })();
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION - 1);
    db.close();
    const hash = sha256(project);
    const info = await runCli(['info', 'previous.condensa'], io());
    expect(err.join('\n')).toBe('');
    expect(info).toBe(EXIT.ok);
    expect(await runCli(['export', 'previous.condensa', '--what', 'categories', '-o', 'categories.docx', '--names-checked'], io())).toBe(EXIT.ok);
    expect(sha256(project)).toBe(hash);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('previous.condensa'))).toEqual(['previous.condensa']);
  });
});

describe('no export or copy lands on a project (app)', () => {
  let t: TestApp;
  afterEach(() => t?.close());

  it('refuses the open project, its backups folder and journals for every writer, and asks before replacing a file', async () => {
    t = await makeSampleApp();
    const project = t.app.requireProject().file.path;
    const hash = () => createHash('sha256').update(t.app.requireProject().db.serialize()).digest('hex');
    const before = hash();
    const backups = `${project}.backups`;
    const refusals = [
      t.client.call('reports.export', { kind: 'codebook', format: 'csv', path: project, overwrite: true }),
      t.client.call('table.exportCsv', { path: project, overwrite: true }),
      t.client.call('audit.exportCsv', { path: `${project}-wal`, overwrite: true }),
      t.client.call('audit.exportCsv', { path: path.join(backups, 'audit.csv') }),
      t.client.call('exchange.makeCoderCopy', { path: path.join(backups, 'copy.condensa'), includeOthersCodings: false }),
    ];
    for (const refusal of refusals) await expect(refusal).rejects.toMatchObject({ code: 'TARGET_PROTECTED' });
    // A coder copy never replaces a project either.
    await expect(t.client.call('exchange.makeCoderCopy', { path: project, includeOthersCodings: false })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(hash()).toBe(before);

    const csv = t.file('table.csv');
    fs.writeFileSync(csv, 'mine');
    await expect(t.client.call('table.exportCsv', { path: csv })).rejects.toMatchObject({ code: 'FILE_EXISTS', details: { path: csv } });
    expect(fs.readFileSync(csv, 'utf8')).toBe('mine');
    expect((await t.client.call('table.exportCsv', { path: csv, overwrite: true })).path).toBe(csv);
    expect(fs.readFileSync(csv, 'utf8')).not.toBe('mine');
  });
});

describe('damage is found before work goes on', () => {
  let t: TestApp;
  afterEach(() => t?.close());

  async function closedSampleWithBackup(name: string): Promise<string> {
    t = makeTestApp();
    const s = await t.client.call('project.create', { path: t.file(name), title: 'Precious', sample: true });
    await t.client.call('project.backup', {});
    await t.client.call('project.close', {});
    return s.path;
  }

  it('refuses a file cut short by 100 bytes or by one page, and writes no backup of it, however often it is opened', async () => {
    for (const cut of [100, 4096]) {
      const file = await closedSampleWithBackup(`cut-${cut}.condensa`);
      const good = listBackups(file);
      expect(good).toHaveLength(1);
      const bytes = fs.readFileSync(file);
      fs.writeFileSync(file, bytes.subarray(0, bytes.length - cut));
      for (let i = 0; i < 3; i += 1) {
        const err = (await t.client.call('project.open', { path: file }).catch((e: unknown) => e)) as { code: string; details: { backups: string[] } };
        expect(err.code, `cut ${cut}`).toBe('PROJECT_DAMAGED');
        expect(err.details.backups).toEqual(good);
      }
      expect(listBackups(file)).toEqual(good);
      t.close();
    }
  });

  it('gives a project missing a table the damaged-file path, not INTERNAL', async () => {
    const file = await closedSampleWithBackup('missing.condensa');
    const db = new Database(file);
    db.exec('DROP TABLE saved_searches');
    db.close();
    const err = (await t.client.call('project.open', { path: file }).catch((e: unknown) => e)) as { code: string; message: string; details: { backups: string[] } };
    expect(err.code).toBe('PROJECT_DAMAGED');
    expect(err.message).toMatch(/saved_searches/);
    expect(err.details.backups).toHaveLength(1);
  });

  it('catches a silent change to a cleanly closed file (bit rot), though its size and times are those it was closed with', async () => {
    t = makeTestApp();
    const s = await t.client.call('project.create', { path: t.file('rot.condensa'), title: 'Rot', sample: true });
    await t.client.call('project.close', {});
    await t.client.call('project.open', { path: s.path });
    await t.app.requireProject().backupSettled();
    await t.client.call('project.close', {});
    expect(t.app.cleanCloses.state(s.path)).toBe('untouched');

    // Flip one byte of text in the middle of the file, then put back the record of the clean close
    // with the file's new size and times (what a failing disk would leave: no write went through the OS).
    const record = path.join(t.dir, 'user-data', 'clean-closes.json');
    const entries = JSON.parse(fs.readFileSync(record, 'utf8')) as Record<string, string>[];
    const bytes = fs.readFileSync(s.path);
    const at = bytes.indexOf(Buffer.from('mentor'));
    expect(at).toBeGreaterThan(0);
    bytes[at] ^= 0x20;
    fs.writeFileSync(s.path, bytes);
    const st = fs.statSync(s.path, { bigint: true });
    entries[0] = { ...entries[0], mtimeNs: String(st.mtimeNs), ctimeNs: String(st.ctimeNs), ino: String(st.ino), size: String(st.size) };
    fs.writeFileSync(record, JSON.stringify(entries));

    const err = (await t.client.call('project.open', { path: s.path }).catch((e: unknown) => e)) as { code: string; message: string; details: { backups: string[] } };
    expect(err.code).toBe('PROJECT_DAMAGED');
    expect(err.message).toMatch(/changed on disk/);
    expect(err.details.backups.length).toBeGreaterThan(0);
  });

  it('offers the most recent backup first after an upgrade, not the copy made before it', async () => {
    t = makeTestApp();
    const file = t.file('old.condensa');
    const db = new Database(file);
    db.pragma('application_id = 1131376228');
    db.close();
    const p = ProjectFile.open(file);
    const beforeUpgrade = p.info.backupPath!;
    p.db.prepare(`INSERT INTO project (id, title, methodology, created_at, updated_at) VALUES ('p', 'Old', 'content-analysis', 'x', 'x')`).run();
    await new Promise((r) => setTimeout(r, 5));
    const newest = await p.backup();
    p.close();
    expect(listBackups(file)).toEqual([newest, beforeUpgrade]);
  });
});

describe('backups that help instead of litter', () => {
  let t: TestApp;
  afterEach(() => t?.close());

  it('leave nothing but verified, self-contained project files in the backups folder', async () => {
    t = makeTestApp();
    const s = await t.client.call('project.create', { path: t.file('tidy.condensa'), title: 'Tidy', sample: true });
    for (let i = 0; i < 3; i += 1) {
      await t.client.call('codebook.create', { name: `Code ${i}`, level: 'code' });
      await t.client.call('project.backup', {});
    }
    await t.client.call('project.close', {});
    await t.client.call('project.open', { path: s.path });
    await t.app.requireProject().backupSettled();
    const folder = `${s.path}.backups`;
    const names = fs.readdirSync(folder);
    // The backup made at creation, then one per change; the reopening's copy is the same as the last.
    expect(names.length).toBe(4);
    expect(names.every((n) => /^\d{4}-\d{2}-\d{2}T[\d-]+Z-[0-9a-f]{16}\.condensa$/.test(n))).toBe(true);
    for (const n of names) {
      const copy = new Database(path.join(folder, n), { readonly: true });
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      copy.close();
    }
    expect(fs.readdirSync(folder)).toEqual(names);
  });
});

describe('foreign files are left byte for byte alone', () => {
  let t: TestApp;
  afterEach(() => t?.close());

  it('refuses another program’s database (a QualCoder data.qda, any SQLite file) without changing a byte', async () => {
    t = makeTestApp();
    const files: string[] = [];
    for (const [name, mode] of [
      ['data.qda', 'delete'],
      ['other.condensa', 'delete'],
      ['wal-mode.sqlite', 'wal'],
    ] as const) {
      const file = t.file(name);
      const db = new Database(file);
      db.pragma(`journal_mode = ${mode}`);
      db.exec(`CREATE TABLE source (id INTEGER PRIMARY KEY, name TEXT, fulltext TEXT); INSERT INTO source (name, fulltext) VALUES ('Interview 1', 'Text')`);
      db.close();
      files.push(file);
    }
    for (const file of files) {
      const before = sha256(file);
      const listing = fs.readdirSync(t.dir);
      await expect(t.client.call('project.open', { path: file })).rejects.toMatchObject({ code: 'PROJECT_NOT_SQLITE' });
      expect(sha256(file), path.basename(file)).toBe(before);
      expect(fs.readdirSync(t.dir)).toEqual(listing);
    }
  });
});
