import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UPLOAD_PATH, UPLOAD_TOKEN_HEADER, type UploadAnswer } from '../../shared/api/uploads';
import { startBrowserMode, type BrowserModeServer } from '../../electron/web/server';

describe('browser mode: files for an import arrive as streamed uploads', () => {
  let dir = '';
  let server: BrowserModeServer;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'condensa-uploads-test-'));
    fs.mkdirSync(path.join(dir, 'renderer'));
    server = await startBrowserMode({ rendererDir: path.join(dir, 'renderer'), ports: { version: 'test', projectsFolder: path.join(dir, 'projects'), userDataFolder: path.join(dir, 'user-data') } });
  });
  afterAll(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const put = (name: string, body: Uint8Array | string, headers: Record<string, string> = {}, method = 'PUT') =>
    fetch(`${server.origin}${UPLOAD_PATH}?name=${encodeURIComponent(name)}`, { method, body: method === 'GET' ? undefined : body, headers: { origin: server.origin, [UPLOAD_TOKEN_HEADER]: server.token, ...headers } });

  it('writes the body to a file of its own under the name given, and answers its path', async () => {
    const bytes = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7) % 256);
    const r = await put('Interview 1.txt', bytes);
    expect(r.status).toBe(201);
    const answer = (await r.json()) as UploadAnswer;
    expect(path.basename(answer.path)).toBe('Interview 1.txt');
    expect(answer.path.startsWith(server.uploadsFolder + path.sep)).toBe(true);
    expect(answer.bytes).toBe(bytes.length);
    expect(new Uint8Array(fs.readFileSync(answer.path))).toEqual(bytes);
    // The import then names the path, as the desktop app names a file picked in its dialog.
    await server.app.dispatch('project.create', { path: 'Uploads', title: 'Uploads' });
    fs.writeFileSync(answer.path, 'Kim: Hello there.\nLee: Hi.\n');
    const preview = await server.app.dispatch('import.preview', { sources: [{ kind: 'path', path: answer.path }] });
    expect(preview).toMatchObject({ ok: true, result: { files: [{ ok: true, fileName: 'Interview 1.txt' }] } });
  });

  it('keeps no folder of a name, and refuses a page without the token, another origin, and any method but PUT', async () => {
    const climbing = (await (await put('../../etc/passwd', 'x')).json()) as UploadAnswer;
    expect(path.dirname(path.dirname(climbing.path))).toBe(server.uploadsFolder);
    expect(path.basename(climbing.path)).toBe('passwd');
    const before = fs.readdirSync(server.uploadsFolder).length;
    expect((await put('a.txt', 'x', { [UPLOAD_TOKEN_HEADER]: 'wrong' })).status).toBe(403);
    expect((await put('a.txt', 'x', { origin: 'http://evil.example' })).status).toBe(403);
    expect((await put('a.txt', 'x', {}, 'POST')).status).toBe(405);
    expect((await put('a.txt', '', {}, 'GET')).status).toBe(405);
    expect(fs.readdirSync(server.uploadsFolder).length).toBe(before);
  });
});
