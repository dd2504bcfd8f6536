import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portTransport, type MessagePortLike, type PortTransport } from '../../shared/api/port-transport';
import { FileGrants } from '../../electron/core/file-grants';
import { startCoreHost, type ParentPortLike } from '../../electron/core/host';

// Least privilege in the desktop app: a window's calls reach only files the user picked in a dialog
// or that belong to the open project, whatever a tampered page asks. Driven through the core's host
// as the desktop app wires it (shell port, window port, grants), in this thread.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'condensa-grants-'));
const parent = Object.assign(new EventEmitter(), { postMessage: (m: unknown) => parent.emit('to-shell', m) }) as unknown as ParentPortLike & EventEmitter;
let shell: PortTransport;
let dialogAnswer: string | null = null;
let filesAnswer: string[] = [];
const shellEvents: unknown[] = [];

function connectWindow(): PortTransport {
  const { port1, port2 } = new MessageChannel();
  parent.emit('message', { data: { type: 'connect' }, ports: [port2] });
  return portTransport(port1 as unknown as MessagePortLike);
}

const call = (t: PortTransport, method: string, params: unknown) => t(method, params);

beforeAll(() => {
  startCoreHost(parent);
  const { port1, port2 } = new MessageChannel();
  shell = portTransport(port1 as unknown as MessagePortLike, { answerAsk: async (what) => (what === 'chooseFiles' ? filesAnswer : dialogAnswer) });
  shell.onEvent((e) => shellEvents.push(e));
  parent.emit('message', { data: { type: 'init', userDataFolder: path.join(dir, 'user'), projectsFolder: path.join(dir, 'projects') }, ports: [port2] });
});

afterAll(async () => {
  await call(shell, 'project.close', {});
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a window’s file grants', () => {
  const secret = path.join(dir, 'secret.txt');
  const project = path.join(dir, 'study.condensa');

  it('refuses every file the user did not choose, before the core touches it', async () => {
    fs.writeFileSync(secret, 'Alice: not for the page\n');
    const page = connectWindow();
    for (const p of [secret, '/etc/passwd', '../secret.txt', '../../etc/passwd', `${dir}/sub/../secret.txt`, 'C:secret.txt', '..']) {
      expect(await call(page, 'import.preview', { sources: [{ kind: 'path', path: p }] })).toMatchObject({ ok: false, error: { code: 'FILE_NOT_GRANTED' } });
    }
    expect(await call(page, 'project.create', { path: project, title: 'Study' })).toMatchObject({ ok: false, error: { code: 'FILE_NOT_GRANTED' } });
    expect(fs.existsSync(project)).toBe(false);
    // The shell itself is trusted (the menu's own calls).
    expect(await call(shell, 'app.info', {})).toMatchObject({ ok: true, result: { platform: 'electron', nativeDialogs: true } });
  });

  it('allows what the user picked in the native dialog, and the open project’s own files', async () => {
    const page = connectWindow();
    dialogAnswer = project;
    expect(await call(page, 'app.chooseProjectPath', { purpose: 'save', suggestedName: 'Study' })).toMatchObject({ ok: true, result: { path: project } });
    expect(await call(page, 'project.create', { path: project, title: 'Study' })).toMatchObject({ ok: true, project });
    expect(shellEvents).toContainEqual({ type: 'project', project });
    expect(await call(page, 'project.listBackups', { path: project })).toMatchObject({ ok: true });
    // A file beside the project is not the project's.
    expect(await call(page, 'import.preview', { sources: [{ kind: 'path', path: secret }] })).toMatchObject({ ok: false, error: { code: 'FILE_NOT_GRANTED' } });
    expect(await call(page, 'reports.export', { kind: 'codebook', format: 'csv', path: path.join(dir, 'out.csv') })).toMatchObject({ ok: false, error: { code: 'FILE_NOT_GRANTED' } });
    expect(fs.existsSync(path.join(dir, 'out.csv'))).toBe(false);
    // A bare name is written into the core's own projects folder, as exports named in the app are.
    expect(await call(page, 'table.exportCsv', { path: 'abstraction.csv' })).toMatchObject({ ok: true, result: { path: path.join(dir, 'projects', 'abstraction.csv') } });
    // A file the shell grants (double-clicked, chosen in a menu) is allowed from then on.
    parent.emit('message', { data: { type: 'grant', path: secret }, ports: [] });
    expect(await call(page, 'import.preview', { sources: [{ kind: 'path', path: secret }] })).toMatchObject({ ok: true });
  });

  it('imports by path the transcripts picked in the open dialog, and nothing else', async () => {
    const page = connectWindow();
    const picked = path.join(dir, 'picked.txt');
    const beside = path.join(dir, 'beside.txt');
    fs.writeFileSync(picked, 'Interviewer: How was the first year?\n\nAnna: Hard, but good.\n');
    fs.writeFileSync(beside, 'Interviewer: Not chosen.\n');
    filesAnswer = [picked];
    expect(await call(page, 'app.chooseFiles', { purpose: 'import' })).toMatchObject({ ok: true, result: { paths: [picked] } });
    const preview = await call(page, 'import.preview', { sources: [{ kind: 'path', path: picked }] });
    expect(preview).toMatchObject({ ok: true, result: { files: [{ ok: true }] } });
    expect(await call(page, 'import.preview', { sources: [{ kind: 'path', path: beside }] })).toMatchObject({ ok: false, error: { code: 'FILE_NOT_GRANTED' } });
  });

  it('pushes a change one window makes to the other windows on its project, not back to the maker', async () => {
    const maker = connectWindow();
    const other = connectWindow();
    const heardByMaker: unknown[] = [];
    const heardByOther: unknown[] = [];
    maker.onEvent((e) => heardByMaker.push(e));
    other.onEvent((e) => heardByOther.push(e));
    // Both windows work in the open project (a window learns it from the answer that opens it).
    dialogAnswer = project;
    await call(other, 'app.chooseProjectPath', { purpose: 'open' });
    expect(await call(other, 'project.open', { path: project })).toMatchObject({ ok: true });
    expect(await call(maker, 'project.open', { path: project })).toMatchObject({ ok: true });
    const made = await call(maker, 'codebook.create', { name: 'Feeling safe' });
    expect(made).toMatchObject({ ok: true });
    await new Promise((r) => setTimeout(r, 50));
    expect(heardByOther).toContainEqual(expect.objectContaining({ type: 'change', method: 'codebook.create', project }));
    expect(heardByMaker.filter((e) => (e as { type: string }).type === 'change')).toEqual([]);
  });

  it('lets the window open what the core listed for it (recent projects, backups)', () => {
    const fresh = new FileGrants();
    const listed = path.join(dir, 'listed.condensa');
    expect(fresh.refusal('project.open', { path: listed })).toMatchObject({ ok: false, error: { code: 'FILE_NOT_GRANTED' } });
    fresh.learn('app.recent', { ok: true, result: [{ path: listed, title: 'Listed', openedAt: '2026-12-07T10:00:00Z', exists: true }] });
    expect(fresh.refusal('project.open', { path: listed })).toBeNull();
    // A path in a result field that names no file (a report's title) grants nothing.
    fresh.learn('project.get', { ok: true, result: { path: '/etc/passwd' } });
    expect(fresh.refusal('project.open', { path: '/etc/passwd' })).not.toBeNull();
  });
});
