import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness';

const MB = 1024 * 1024;

/**
 * A study as NVivo or MAXQDA exports it with its recordings: one transcript and the interview's
 * audio, `audioBytes` of it (random, so the archive stays as large as the recording).
 */
function studyWithRecording(audioBytes: number): Uint8Array {
  const g = (n: number) => `${String(n).padStart(8, '0')}-7777-4777-8777-777777777777`;
  const text = 'I felt lost at first. My mentor showed me the wards.';
  const qde = `<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="Recorded study" origin="NVivo 14"><CodeBook><Codes>
<Code guid="${g(1)}" name="Feeling lost" isCodable="true"/></Codes></CodeBook><Sources>
<TextSource guid="${g(50)}" name="Interview 1" plainTextPath="internal://${g(50)}.txt"><PlainTextSelection guid="${g(60)}" startPosition="0" endPosition="20"><Coding guid="${g(61)}"><CodeRef targetGUID="${g(1)}"/></Coding></PlainTextSelection></TextSource>
<AudioSource guid="${g(70)}" name="Interview 1 recording" path="internal://${g(70)}.m4a"/></Sources></Project>`;
  const enc = new TextEncoder();
  return zipSync({
    'project.qde': enc.encode(qde),
    [`sources/${g(50)}.txt`]: enc.encode(text),
    [`sources/${g(70)}.m4a`]: [randomBytes(audioBytes), { level: 0 }],
  });
}

describe('files reach the core by path, streamed from the browser (browser mode)', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('imports a 100 MB REFI-QDA project with its recording: the upload streams to a file, nothing holds it whole in memory', async () => {
    h = await startHarness();
    const { page } = h;
    const file = path.join(h.home, 'recorded-study.qdpx');
    fs.writeFileSync(file, studyWithRecording(100 * MB));
    const size = fs.statSync(file).size;
    expect(size).toBeGreaterThan(100 * MB);

    // The server runs in this process: its heap must not grow by the file (base64 inside a call
    // made it a 133 MB string; a stream keeps a few chunks at a time, outside the heap).
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 20);

    await page.getByRole('button', { name: 'Import REFI-QDA project…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import REFI-QDA project' });
    await dialog.getByLabel('REFI-QDA project (.qdpx)').setInputFiles(file);
    const preview = dialog.getByRole('region', { name: 'Levels preview' });
    await preview.getByText(/New: 1 code/).waitFor({ timeout: 60_000 });
    clearInterval(sampler);
    expect(heapPeak - heapBefore).toBeLessThan(64 * MB);

    // The upload is a file of its own under its own name, as large as the one chosen.
    const uploaded = fs.readdirSync(h.server.uploadsFolder).map((id) => path.join(h!.server.uploadsFolder, id, 'recorded-study.qdpx'));
    expect(uploaded.map((f) => fs.statSync(f).size)).toEqual([size]);

    await h.screenshot('upload-100mb-preview');
    await dialog.getByRole('button', { name: 'Import' }).click();
    const report = page.getByRole('dialog', { name: 'Imported' });
    await report.getByText(/AudioSource/).waitFor({ timeout: 120_000 });
    expect(await report.locator('.refi-counts').textContent()).toMatch(/Documents1/);
    await h.screenshot('upload-100mb-report');
    await report.getByRole('button', { name: 'Open the project' }).click();
    expect(fs.existsSync(path.join(h.projectsFolder, 'recorded-study.condensa'))).toBe(true);
  }, 240_000);
});
