import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/api/errors';
import { startBrowserMode, type BrowserModeServer } from '../../electron/web/server';
import { makeSampleApp, type TestApp } from './support/app';
import { toneWav } from '../support/wav';

// #19 item 6: a document's recording is linked (place, name, size, fingerprint), found again by
// name and size when it moved (proposed, never taken silently), and served with range requests.

let t: TestApp;
let docId: string;
let wav: Buffer;
let recording: string;

beforeEach(async () => {
  t = await makeSampleApp();
  docId = (await t.client.call('documents.list', {}))[0].id;
  wav = toneWav(3);
  fs.mkdirSync(path.join(t.dir, 'audio'));
  recording = path.join(t.dir, 'audio', 'group-1.wav');
  fs.writeFileSync(recording, wav);
});
afterEach(() => t.close());

async function codeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (err) {
    return (err as AppError).code;
  }
  return 'no error';
}

describe('linking a recording to a document', () => {
  it('keeps its place, name and size, is one undo step, and unlinks without touching the file', async () => {
    expect((await t.client.call('media.get', { documentId: docId })).status).toBe('none');
    const linked = await t.client.call('media.link', { documentId: docId, path: recording });
    expect(linked.status).toBe('found');
    expect(linked.link).toMatchObject({ path: recording, name: 'group-1.wav', size: wav.length, kind: 'audio' });
    const audit = await t.client.call('history.state', {});
    expect(audit.undoLabel).toMatch(/^Link the recording “group-1\.wav” to “/);
    await t.client.call('history.undo', {});
    expect((await t.client.call('media.get', { documentId: docId })).status).toBe('none');
    await t.client.call('history.redo', {});
    expect((await t.client.call('media.get', { documentId: docId })).status).toBe('found');
    expect((await t.client.call('media.unlink', { documentId: docId })).status).toBe('none');
    expect(fs.existsSync(recording)).toBe(true);
  });

  it('refuses a file that is no recording, and one that is not there, changing nothing', async () => {
    const notes = path.join(t.dir, 'notes.txt');
    fs.writeFileSync(notes, 'hello');
    expect(await codeOf(t.client.call('media.link', { documentId: docId, path: notes }))).toBe('MEDIA_UNSUPPORTED');
    expect(await codeOf(t.client.call('media.link', { documentId: docId, path: path.join(t.dir, 'gone.wav') }))).toBe('MEDIA_NOT_FOUND');
    expect((await t.client.call('media.get', { documentId: docId })).status).toBe('none');
  });

  it('finds a moved recording by name and size in the project’s folder and proposes it; re-linking takes it', async () => {
    await t.client.call('media.link', { documentId: docId, path: recording });
    const moved = path.join(t.dir, 'group-1.wav');
    fs.renameSync(recording, moved);
    const state = await t.client.call('media.get', { documentId: docId });
    expect(state.status).toBe('moved');
    expect(state.foundPath).toBe(moved);
    // Proposed only: the link still names the old place until the user takes the file found.
    expect(state.link?.path).toBe(recording);
    const relinked = await t.client.call('media.link', { documentId: docId, path: moved });
    expect(relinked).toMatchObject({ status: 'found', link: { path: moved } });
    expect((await t.client.call('history.state', {})).undoLabel).toMatch(/^Re-link the recording of /);
  });

  it('never takes another file of the same name for the recording: a different size or content is not it', async () => {
    await t.client.call('media.link', { documentId: docId, path: recording });
    fs.rmSync(recording);
    // Same name and size, other content (the fingerprint differs): not proposed.
    const other = Buffer.from(wav);
    other.writeInt16LE(1234, 100);
    fs.writeFileSync(path.join(t.dir, 'group-1.wav'), other);
    const state = await t.client.call('media.get', { documentId: docId });
    expect(state.status).toBe('missing');
    expect(state.foundPath).toBeNull();
    expect(state.searched).toContain(path.dirname(t.file('sample.condensa')));
    // A different file at the linked place is reported as changed, not played.
    fs.writeFileSync(recording, toneWav(1));
    expect((await t.client.call('media.get', { documentId: docId })).status).toBe('changed');
  });
});

function request(port: number, pathAndQuery: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: pathAndQuery, method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser mode serves the linked recording behind the token, with range requests', () => {
  let server: BrowserModeServer;
  beforeEach(async () => {
    const renderer = path.join(t.dir, 'renderer');
    fs.mkdirSync(renderer);
    fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Condensa</title>');
    t.app.closeProject();
    server = await startBrowserMode({ rendererDir: renderer, ports: { version: 'test', projectsFolder: path.join(t.dir, 'projects'), userDataFolder: path.join(t.dir, 'u') } });
    const opened = await server.app.dispatch('project.open', { path: t.file('sample.condensa') });
    expect(opened.ok).toBe(true);
    const linked = await server.app.dispatch('media.link', { documentId: docId, path: recording });
    expect(linked.ok).toBe(true);
  });
  afterEach(async () => server.close());

  it('answers ranges with 206 and Content-Range, the whole file with 200, beyond the end with 416', async () => {
    const url = `/media/${docId}?token=${server.token}`;
    const whole = await request(server.port, url);
    expect(whole.status).toBe(200);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.headers['content-type']).toBe('audio/wav');
    expect(whole.body.equals(wav)).toBe(true);

    const first = await request(server.port, url, { range: 'bytes=0-99' });
    expect(first.status).toBe(206);
    expect(first.headers['content-range']).toBe(`bytes 0-99/${wav.length}`);
    expect(first.body.equals(wav.subarray(0, 100))).toBe(true);

    const middle = await request(server.port, url, { range: `bytes=1000-` });
    expect(middle.status).toBe(206);
    expect(middle.headers['content-range']).toBe(`bytes 1000-${wav.length - 1}/${wav.length}`);
    expect(middle.body.equals(wav.subarray(1000))).toBe(true);

    const tail = await request(server.port, url, { range: 'bytes=-10' });
    expect(tail.status).toBe(206);
    expect(tail.body.equals(wav.subarray(wav.length - 10))).toBe(true);

    const beyond = await request(server.port, url, { range: `bytes=${wav.length}-` });
    expect(beyond.status).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${wav.length}`);
  });

  it('refuses a request without the token, and serves nothing for a document without a recording or a moved one', async () => {
    expect((await request(server.port, `/media/${docId}`)).status).toBe(403);
    expect((await request(server.port, `/media/${docId}?token=x${server.token.slice(1)}`)).status).toBe(403);
    expect((await request(server.port, `/media/not-a-document?token=${server.token}`)).status).toBe(404);
    fs.renameSync(recording, path.join(t.dir, 'group-1.wav'));
    expect((await request(server.port, `/media/${docId}?token=${server.token}`)).status).toBe(404);
  });
});
