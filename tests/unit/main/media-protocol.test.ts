import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaDocumentOf, serveMediaRequest } from '../../../electron/main/app-protocol';
import { toneWav } from '../../support/wav';

// The desktop window plays a document's recording from app://condensa/media/<documentId>: only the
// file the core says is linked to that document, with the range requests a media element makes.

let dir = '';
let file = '';
const wav = toneWav(1);
const linked = async (id: string) => (id === 'doc-1' ? file : null);
const ask = (url: string, range?: string, method = 'GET') => serveMediaRequest({ url, method, headers: new Headers(range ? { range } : {}) }, linked);

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'condensa-media-'));
  file = path.join(dir, 'talk.wav');
  fs.writeFileSync(file, wav);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('app://condensa/media/<documentId>', () => {
  it('names a document only under /media/ on the app host', () => {
    expect(mediaDocumentOf('app://condensa/media/doc-1')).toBe('doc-1');
    expect(mediaDocumentOf('app://condensa/media/../index.html')).toBeNull();
    expect(mediaDocumentOf('app://other/media/doc-1')).toBeNull();
    expect(mediaDocumentOf('app://condensa/assets/app.js')).toBeNull();
  });

  it('sends the linked file whole, or the range asked for with 206 and Content-Range', async () => {
    const whole = await ask('app://condensa/media/doc-1');
    expect(whole.status).toBe(200);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await whole.arrayBuffer()).equals(wav)).toBe(true);
    const part = await ask('app://condensa/media/doc-1', 'bytes=44-143');
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 44-143/${wav.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(wav.subarray(44, 144))).toBe(true);
    expect((await ask('app://condensa/media/doc-1', `bytes=${wav.length + 5}-`)).status).toBe(416);
  });

  it('answers 404 for a document without a recording where it was linked, 405 for a write', async () => {
    expect((await ask('app://condensa/media/doc-2')).status).toBe(404);
    expect((await ask('app://condensa/media/doc-1', undefined, 'POST')).status).toBe(405);
  });
});
