import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { openProjectPackage } from '../../../electron/core/refi/package';
import { DEFAULT_ZIP_LIMITS, unsafeEntryName, ZipArchive, type ZipLimits } from '../../../electron/core/refi/zip';

// Malicious archives are built here, at test time, with fflate; nothing hostile is checked in.
const enc = new TextEncoder();
const QDE = enc.encode('<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="x"/>');
const SMALL: ZipLimits = { maxEntries: 10, maxEntryBytes: 1024 * 1024, maxTotalBytes: 2 * 1024 * 1024, maxRatio: 100, ratioFloorBytes: 4096 };

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return (err as { code?: string }).code ?? `threw ${String(err)}`;
  }
  return 'accepted';
}

/** Offsets of the central directory entries of a zip, from its end record. */
function centralEntries(zip: Uint8Array): number[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = zip.length - 22;
  while (view.getUint32(eocd, true) !== 0x06054b50) eocd -= 1;
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  const out: number[] = [];
  for (let i = 0; i < count; i += 1) {
    out.push(p);
    p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return out;
}

describe('a .qdpx is untrusted: entry names', () => {
  it.each([
    ['../evil.txt', 'points outside'],
    ['sources/../../etc/passwd', 'points outside'],
    ['..\\..\\windows\\evil.txt', 'points outside'],
    ['/etc/passwd', 'absolute path'],
    ['C:\\Users\\x\\evil.txt', 'absolute path'],
    ['C:/evil.txt', 'absolute path'],
  ])('refuses an archive holding “%s”', (name, why) => {
    expect(unsafeEntryName(name)).toContain(why);
    const zip = zipSync({ 'project.qde': QDE, [name]: enc.encode('gotcha') });
    expect(codeOf(() => openProjectPackage(zip))).toBe('REFI_UNSAFE_ARCHIVE');
  });

  it('accepts ordinary names, including dots inside them', () => {
    expect(unsafeEntryName('sources/a..b.txt')).toBeNull();
    expect(unsafeEntryName('Sources/68bbdc14-c361-4432-b4dd-ae1dbfc12890.txt')).toBeNull();
    expect(unsafeEntryName('a\0b')).toContain('NUL');
  });
});

describe('a .qdpx is untrusted: sizes', () => {
  it('refuses a zip bomb by its declared ratio before inflating anything (default limits)', () => {
    const bomb = zipSync({ 'project.qde': QDE, 'sources/bomb.txt': new Uint8Array(24 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(100 * 1024);
    expect(codeOf(() => ZipArchive.open(bomb))).toBe('REFI_UNSAFE_ARCHIVE');
    expect(codeOf(() => openProjectPackage(bomb))).toBe('REFI_UNSAFE_ARCHIVE');
  });

  it('refuses an entry whose real size is larger than the size it declares, while inflating', () => {
    const zip = zipSync({ 'project.qde': QDE, 'sources/liar.txt': new Uint8Array(64 * 1024).fill(65) });
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    const entry = centralEntries(zip)[1];
    const local = view.getUint32(entry + 42, true);
    // Claim 100 bytes in both headers: the ratio looks harmless, the data is 64 KB.
    view.setUint32(entry + 24, 100, true);
    view.setUint32(local + 22, 100, true);
    const archive = ZipArchive.open(zip, SMALL);
    const liar = archive.entries.find((e) => e.name === 'sources/liar.txt')!;
    expect(liar.size).toBe(100);
    expect(codeOf(() => archive.read(liar))).toBe('REFI_UNSAFE_ARCHIVE');
  });

  it('refuses too many entries, too large an entry and too large a total', () => {
    const many: Record<string, Uint8Array> = { 'project.qde': QDE };
    for (let i = 0; i < 11; i += 1) many[`sources/${i}.txt`] = enc.encode(`${i}`);
    expect(codeOf(() => ZipArchive.open(zipSync(many), SMALL))).toBe('REFI_UNSAFE_ARCHIVE');

    const random = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 2654435761) >>> 24);
    expect(codeOf(() => ZipArchive.open(zipSync({ 'big.txt': random(SMALL.maxEntryBytes + 1) }), SMALL))).toBe('REFI_UNSAFE_ARCHIVE');
    const parts = { a: random(900 * 1024), b: random(900 * 1024), c: random(900 * 1024) };
    expect(codeOf(() => ZipArchive.open(zipSync(parts), SMALL))).toBe('REFI_UNSAFE_ARCHIVE');
    expect(DEFAULT_ZIP_LIMITS.maxEntries).toBeGreaterThan(1000);
  });

  it('refuses a tampered entry (checksum), a truncated archive and garbage', () => {
    const zip = zipSync({ 'project.qde': QDE }, { level: 0 });
    const tampered = zip.slice();
    const local = 30 + 'project.qde'.length;
    tampered[local + 5] ^= 0xff;
    const archive = ZipArchive.open(tampered);
    expect(codeOf(() => archive.read(archive.entries[0]))).toBe('REFI_BAD_ARCHIVE');
    expect(codeOf(() => openProjectPackage(zip.subarray(0, zip.length - 10)))).toBe('REFI_BAD_ARCHIVE');
    expect(codeOf(() => openProjectPackage(Uint8Array.from([0x50, 0x4b, 3, 4, 0, 0, 0, 0])))).toBe('REFI_BAD_ARCHIVE');
    expect(codeOf(() => openProjectPackage(Uint8Array.from({ length: 512 }, (_, i) => (i * 7919) % 256)))).toBe('REFI_BAD_ARCHIVE');
  });

  it('refuses an encrypted entry', () => {
    const zip = zipSync({ 'project.qde': QDE });
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    const entry = centralEntries(zip)[0];
    view.setUint16(entry + 8, view.getUint16(entry + 8, true) | 1, true);
    expect(codeOf(() => openProjectPackage(zip))).toBe('REFI_BAD_ARCHIVE');
  });

  it('reads a well-formed archive, finding project.qde and sources in any case', () => {
    const zip = zipSync({ 'PROJECT.QDE': QDE, 'Sources/ABC.txt': enc.encode('hi') });
    const archive = ZipArchive.open(zip);
    expect(new TextDecoder().decode(archive.read(archive.find('project.qde', true)!))).toContain('<Project');
    expect(archive.find('project.qde')).toBeUndefined();
    expect(openProjectPackage(zip).project.name).toBe('x');
  });
});
