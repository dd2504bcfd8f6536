import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseXml, XmlWriter } from '../../../electron/core/refi/xml';
import { DEFAULT_ZIP_LIMITS, PackedEntry, writeZip, ZipArchive } from '../../../electron/core/refi/zip';

// A large project.qde is written a megabyte at a time, each piece deflated on its own: the pieces
// must read back as one entry, byte for byte, by our reader (checksum checked) and by fflate.

function bytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i += 1) {
    x = (x * 1103515245 + 12345) >>> 0;
    // Mostly text-like, some runs: both compressible and not.
    out[i] = i % 4096 < 2048 ? 97 + (x % 26) : x >>> 24;
  }
  return out;
}

describe('zip entries packed piece by piece', () => {
  it('read back exactly, whatever the pieces, including empty ones and an empty entry', async () => {
    const pieces = [bytes(300_000, 1), new Uint8Array(0), bytes(1_048_576, 2), bytes(17, 3)];
    const whole = Buffer.concat(pieces);
    const split = new PackedEntry('project.qde');
    for (const p of pieces.slice(0, -1)) split.add(p);
    split.end(pieces.at(-1));
    const zip = await writeZip([split, new PackedEntry('sources/a.txt').end(bytes(5_000, 4)), new PackedEntry('empty.txt')]);
    const ours = ZipArchive.open(zip, DEFAULT_ZIP_LIMITS);
    expect(Buffer.from(ours.read(ours.find('project.qde')!)).equals(whole)).toBe(true);
    expect(ours.read(ours.find('empty.txt')!).byteLength).toBe(0);
    const theirs = unzipSync(zip);
    expect(Buffer.from(theirs['project.qde']).equals(whole)).toBe(true);
    expect(Buffer.from(theirs['sources/a.txt']).equals(Buffer.from(bytes(5_000, 4)))).toBe(true);
  });

  it('an XML document of several megabytes, handed over in chunks, parses to what was written', async () => {
    const entry = new PackedEntry('project.qde');
    const w = new XmlWriter((chunk) => entry.add(chunk)).open('Project', { name: 'p & q' });
    const texts: string[] = [];
    for (let i = 0; i < 40_000; i += 1) {
      const t = `Note ${i} 🙂 <${'x'.repeat(i % 97)}> “${i}”`;
      texts.push(t);
      w.text('Note', t, { guid: `g${i}` });
    }
    entry.end(w.close('Project').rest());
    const zip = ZipArchive.open(await writeZip([entry]), DEFAULT_ZIP_LIMITS);
    const qde = zip.read(zip.find('project.qde')!);
    expect(qde.byteLength).toBeGreaterThan(3 * 1024 * 1024);
    const root = parseXml(Buffer.from(qde).toString('utf8'), 'test');
    expect(root.attrs.name).toBe('p & q');
    expect(root.children.map((c) => c.text)).toEqual(texts);
  });

  it('a text longer than a chunk (the exchange record) comes through whole, between short ones', () => {
    const chunks: Buffer[] = [];
    const w = new XmlWriter((chunk) => chunks.push(chunk)).open('Notes');
    const long = `${'ä🙂'.repeat(400_000)}end`;
    const texts = ['before', long, 'after 🙂'];
    for (const t of texts) w.text('Note', t);
    chunks.push(w.close('Notes').rest());
    expect(chunks.length).toBeGreaterThan(2);
    const root = parseXml(Buffer.concat(chunks).toString('utf8'), 'test');
    expect(root.children.map((c) => c.text)).toEqual(texts);
    const kept = new XmlWriter().open('Notes');
    for (const t of texts) kept.text('Note', t);
    expect(kept.close('Notes').toString()).toBe(Buffer.concat(chunks).toString('utf8'));
  });
});
