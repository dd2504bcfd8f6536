import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IMPORT_MAX_BYTES } from '../../../shared/api/methods/import';
import { makeDocx, makeOle, makePdf } from '../../fixtures/import/builders';
import type { TestApp } from '../support/app';
import { fixture, importPath, makeImportApp, snapshot, writeTemp } from './support';

type Case = readonly [name: string, code: string, words: RegExp, make: (t: TestApp) => Promise<string> | string];

// A PNG header and bytes that are no text in any encoding.
function binaryBytes(): Buffer {
  const noise = Buffer.alloc(4096);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 256;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), noise]);
}

const CASES: readonly Case[] = [
  ['interview.doc', 'IMPORT_UNSUPPORTED', /This file is a Word 97–2003 \.doc; save it as \.docx and import again\./, (t) => writeTemp(t, 'interview.doc', makeOle(false))],
  ['locked.docx', 'IMPORT_ENCRYPTED', /protected by a password/, (t) => writeTemp(t, 'locked.docx', makeOle(true))],
  ['cut.docx', 'IMPORT_BAD_FILE', /cannot be read .*cut short/, async (t) => writeTemp(t, 'cut.docx', (await makeDocx(['P1: hello', 'P2: hi'])).subarray(0, 900))],
  ['renamed.docx', 'IMPORT_BAD_FILE', /not a readable \.docx/, (t) => writeTemp(t, 'renamed.docx', 'P1: just text')],
  ['empty.txt', 'IMPORT_EMPTY', /empty \(0 bytes\)/, (t) => writeTemp(t, 'empty.txt', '')],
  ['blank.txt', 'IMPORT_EMPTY', /holds no text/, (t) => writeTemp(t, 'blank.txt', '\n\n   \n')],
  ['photo.txt', 'IMPORT_BINARY', /binary data/, (t) => writeTemp(t, 'photo.txt', binaryBytes())],
  ['scan.pdf', 'IMPORT_NO_TEXT', /no text layer.*scanned PDF/, (t) => writeTemp(t, 'scan.pdf', makePdf([]))],
  ['broken.pdf', 'IMPORT_BAD_FILE', /PDF cannot be read/, (t) => writeTemp(t, 'broken.pdf', makePdf(['P1: hi']).subarray(0, 60))],
  ['bad.vtt', 'IMPORT_BAD_TIMING', /cue 1 .*broken timing line/, (t) => writeTemp(t, 'bad.vtt', 'WEBVTT\n\n00:00:01.000 --> 00:00:xx\n<v A>hi\n')],
  ['ragged.csv', 'IMPORT_CSV_RAGGED', /row 3 .* 2 fields/, (t) => writeTemp(t, 'ragged.csv', 'speaker,text,time\nP1,hi,00:01\nP2,hello\n')],
  ['archive.zip', 'IMPORT_UNSUPPORTED', /zip archive/, (t) => writeTemp(t, 'archive.zip', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]))],
  [
    'huge.txt',
    'IMPORT_TOO_LARGE',
    /is \d+ MB; Condensa imports files up to 40 MB/,
    (t) => {
      // A sparse file: over the limit without writing 40 MB to disk.
      const file = path.join(t.dir, 'huge.txt');
      fs.writeFileSync(file, '');
      fs.truncateSync(file, IMPORT_MAX_BYTES + 1);
      return file;
    },
  ],
  ['missing.txt', 'NOT_FOUND', /There is no file at/, (t) => path.join(t.dir, 'missing.txt')],
];

describe('import: bad input is refused with a message naming the file, and changes nothing', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeImportApp();
    // Something in the project already, so "unchanged" means more than "still empty".
    await importPath(t.client, fixture('panel.vtt'));
  });
  afterEach(() => t.close());

  it.each(CASES)('%s → %s', async (name, code, words, make) => {
    const file = await make(t);
    const before = await snapshot(t.client);
    const { files } = await t.client.call('import.preview', { sources: [{ kind: 'path', path: file }] });
    expect(files).toHaveLength(1);
    const outcome = files[0];
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.fileName).toBe(name);
    expect(outcome.error.code).toBe(code);
    expect(outcome.error.message).toContain(name);
    expect(outcome.error.message).toMatch(words);
    expect(await snapshot(t.client)).toEqual(before);
  });

  it('uploaded bytes over the limit are refused too', async () => {
    const before = await snapshot(t.client);
    const base64 = Buffer.alloc(IMPORT_MAX_BYTES + 10, 0x41).toString('base64');
    const { files } = await t.client.call('import.preview', { sources: [{ kind: 'bytes', name: 'big.txt', base64 }] });
    expect(files[0]).toMatchObject({ ok: false, fileName: 'big.txt', error: { code: 'IMPORT_TOO_LARGE' } });
    expect(await snapshot(t.client)).toEqual(before);
  });

  it('invalid UTF-8 falls back to Windows-1252 instead of losing text', async () => {
    const bytes = Buffer.concat([Buffer.from('P1: caf'), Buffer.from([0xe9]), Buffer.from(' au lait\nP2: na\u00efve? no\nP1: ok\nP2: fine')]);
    const { preview, detail } = await importPath(t.client, writeTemp(t, 'latin.txt', bytes));
    expect(preview.encoding).toBe('windows-1252');
    expect(detail.text).toContain('café au lait');
  });

  it('several files at once: each gets its own result, and a refused one does not stop the others', async () => {
    const good = fixture('lecture.srt');
    const bad = writeTemp(t, 'old.doc', makeOle(false));
    const { files } = await t.client.call('import.preview', {
      sources: [{ kind: 'path', path: good }, { kind: 'path', path: bad }, { kind: 'path', path: fixture('turns.csv') }],
    });
    expect(files.map((f) => [f.fileName, f.ok])).toEqual([
      ['lecture.srt', true],
      ['old.doc', false],
      ['turns.csv', true],
    ]);
    const before = await snapshot(t.client);
    for (const f of files) if (f.ok) await t.client.call('import.commit', { previewId: f.preview.previewId });
    const after = await snapshot(t.client);
    expect(after.documents).toBe(before.documents + 2);
    expect(after.auditSteps).toBe(before.auditSteps + 2);
  });

  it('a commit that fails half-way leaves nothing behind (one transaction)', async () => {
    const preview = await t.client.call('import.preview', { sources: [{ kind: 'path', path: fixture('turns.csv') }] });
    const id = preview.files[0].ok ? preview.files[0].preview.previewId : '';
    const before = await snapshot(t.client);
    // The participant chosen for P2 does not exist: found only after Moderator and P1 were written as participants.
    await expect(
      t.client.call('import.commit', { previewId: id, speakers: [{ label: 'P2', participantId: 'no-such-person' }] }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await snapshot(t.client)).toEqual(before);
  });

  it('undoing an import removes the document, its turns, units and new participants', async () => {
    const before = await snapshot(t.client);
    await importPath(t.client, fixture('turns.csv'));
    expect((await snapshot(t.client)).documents).toBe(before.documents + 1);
    await t.client.call('history.undo', {});
    const after = await snapshot(t.client);
    expect({ ...after, auditSteps: 0 }).toEqual({ ...before, auditSteps: 0 });
  });
});
