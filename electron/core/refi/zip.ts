import { constants, crc32, deflateRaw, inflateRawSync } from 'node:zlib';
import { AppError } from '../../../shared/api/errors';

// A .qdpx is untrusted input. It is read in memory only (no entry is ever written to disk), from
// its central directory, with every declared size checked before anything is inflated and the
// same limits enforced by zlib while inflating.

export interface ZipLimits {
  readonly maxEntries: number;
  readonly maxEntryBytes: number;
  readonly maxTotalBytes: number;
  /** Uncompressed ÷ compressed size above which an entry is refused as a likely zip bomb… */
  readonly maxRatio: number;
  /** …unless it is this small anyway (tiny files compress oddly well). */
  readonly ratioFloorBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 20_000,
  maxEntryBytes: 400 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
  maxRatio: 400,
  ratioFloorBytes: 1024 * 1024,
};

export interface ZipEntry {
  /** The entry name with forward slashes, as stored. */
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

const SIG_EOCD = 0x06054b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const EOCD_MIN = 22;
const MAX_COMMENT = 0xffff;
const ZIP64_MARK = 0xffffffff;

// The bare reason rides along in details, so the importers of other zip formats can word their own message.
function bad(detail: string): AppError {
  return new AppError(
    'REFI_BAD_ARCHIVE',
    `This file is not a readable REFI-QDA archive: ${detail}. Export it again from the program that made it; nothing was imported.`,
    { reason: detail },
  );
}

function unsafe(detail: string): AppError {
  return new AppError(
    'REFI_UNSAFE_ARCHIVE',
    `This file was refused for safety: ${detail}. A REFI-QDA export never needs that, so the file is damaged or was made to harm the app; nothing was imported.`,
    { reason: detail },
  );
}

/** Why an entry name could reach outside the archive if anything ever trusted it, or null. */
export function unsafeEntryName(name: string): string | null {
  if (name.includes('\0')) return 'an entry name contains a NUL character';
  const n = name.replace(/\\/g, '/');
  if (n.startsWith('/') || /^[a-zA-Z]:/.test(n)) return `the entry “${name.slice(0, 80)}” has an absolute path`;
  if (n.split('/').some((segment) => segment === '..')) return `the entry “${name.slice(0, 80)}” points outside the archive (..)`;
  return null;
}

function findEndOfCentralDirectory(view: DataView): number {
  const last = view.byteLength - EOCD_MIN;
  const first = Math.max(0, last - MAX_COMMENT);
  for (let i = last; i >= first; i -= 1) {
    if (view.getUint32(i, true) === SIG_EOCD) return i;
  }
  throw bad('it is not a zip file (no central directory)');
}

function zip64Sizes(view: DataView, extraStart: number, extraLength: number, wanted: { size: boolean; compressed: boolean; offset: boolean }) {
  const out = { size: -1, compressed: -1, offset: -1 };
  let p = extraStart;
  const end = extraStart + extraLength;
  while (p + 4 <= end) {
    const id = view.getUint16(p, true);
    const len = view.getUint16(p + 2, true);
    if (id === 0x0001) {
      let q = p + 4;
      const read = () => {
        if (q + 8 > p + 4 + len) throw bad('a ZIP64 size field is truncated');
        const v = Number(view.getBigUint64(q, true));
        q += 8;
        return v;
      };
      if (wanted.size) out.size = read();
      if (wanted.compressed) out.compressed = read();
      if (wanted.offset) out.offset = read();
      return out;
    }
    p += 4 + len;
  }
  throw bad('an entry declares ZIP64 sizes without giving them');
}

function decodeName(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes).replace(/\\/g, '/');
}

export class ZipArchive {
  readonly entries: readonly ZipEntry[];
  private readonly bytes: Uint8Array;
  private readonly limits: ZipLimits;

  private constructor(bytes: Uint8Array, entries: readonly ZipEntry[], limits: ZipLimits) {
    this.bytes = bytes;
    this.entries = entries;
    this.limits = limits;
  }

  /** Reads the central directory and refuses the archive before inflating anything if it breaks a limit. */
  static open(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipArchive {
    if (bytes.byteLength < EOCD_MIN) throw bad('it is too short to be a zip file');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const eocd = findEndOfCentralDirectory(view);
    const count = view.getUint16(eocd + 10, true);
    const cdSize = view.getUint32(eocd + 12, true);
    const cdOffset = view.getUint32(eocd + 16, true);
    if (view.getUint16(eocd + 4, true) !== 0 || view.getUint16(eocd + 6, true) !== 0) throw bad('it is split over several disks');
    if (count > limits.maxEntries || count === 0xffff) throw unsafe(`it holds more than ${limits.maxEntries} entries`);
    if (cdOffset + cdSize > eocd) throw bad('its central directory lies outside the file');

    const entries: ZipEntry[] = [];
    const names = new Set<string>();
    let total = 0;
    let p = cdOffset;
    for (let i = 0; i < count; i += 1) {
      if (p + 46 > eocd || view.getUint32(p, true) !== SIG_CENTRAL) throw bad('its central directory is damaged');
      const flags = view.getUint16(p + 8, true);
      const method = view.getUint16(p + 10, true);
      const crc = view.getUint32(p + 16, true);
      let compressedSize = view.getUint32(p + 20, true);
      let size = view.getUint32(p + 24, true);
      const nameLength = view.getUint16(p + 28, true);
      const extraLength = view.getUint16(p + 30, true);
      const commentLength = view.getUint16(p + 32, true);
      let localOffset = view.getUint32(p + 42, true);
      const nameStart = p + 46;
      if (nameStart + nameLength + extraLength + commentLength > eocd) throw bad('its central directory is damaged');
      const name = decodeName(bytes.subarray(nameStart, nameStart + nameLength));
      if (size === ZIP64_MARK || compressedSize === ZIP64_MARK || localOffset === ZIP64_MARK) {
        const big = zip64Sizes(view, nameStart + nameLength, extraLength, {
          size: size === ZIP64_MARK,
          compressed: compressedSize === ZIP64_MARK,
          offset: localOffset === ZIP64_MARK,
        });
        if (big.size >= 0) size = big.size;
        if (big.compressed >= 0) compressedSize = big.compressed;
        if (big.offset >= 0) localOffset = big.offset;
      }
      p = nameStart + nameLength + extraLength + commentLength;

      const why = unsafeEntryName(name);
      if (why) throw unsafe(why);
      if (names.has(name)) throw bad(`it holds two entries named “${name.slice(0, 80)}”`);
      names.add(name);
      if (size > limits.maxEntryBytes) throw unsafe(`the entry “${name.slice(0, 80)}” would unpack to ${megabytes(size)}, more than the ${megabytes(limits.maxEntryBytes)} allowed`);
      total += size;
      if (total > limits.maxTotalBytes) throw unsafe(`its contents would unpack to more than ${megabytes(limits.maxTotalBytes)}`);
      if (size > limits.ratioFloorBytes && size / Math.max(1, compressedSize) > limits.maxRatio) {
        throw unsafe(`the entry “${name.slice(0, 80)}” is compressed ${Math.round(size / Math.max(1, compressedSize))} to 1 (a zip bomb)`);
      }
      if (localOffset + 30 > cdOffset) throw bad(`the entry “${name.slice(0, 80)}” lies outside the file`);
      entries.push({ name, method, flags, crc, compressedSize, size, localOffset });
    }
    return new ZipArchive(bytes, entries, limits);
  }

  /** The entry with this exact name, or (when asked) the only one that matches ignoring case. */
  find(name: string, ignoreCase = false): ZipEntry | undefined {
    const exact = this.entries.find((e) => e.name === name);
    if (exact || !ignoreCase) return exact;
    const lower = name.toLowerCase();
    return this.entries.find((e) => e.name.toLowerCase() === lower);
  }

  /** Inflates one entry in memory; never more than it declared, and its checksum must match. */
  read(entry: ZipEntry): Uint8Array {
    if (entry.flags & 0x1) throw bad(`the entry “${entry.name}” is encrypted`);
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    const p = entry.localOffset;
    if (view.getUint32(p, true) !== SIG_LOCAL) throw bad(`the entry “${entry.name}” is damaged`);
    const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
    const end = start + entry.compressedSize;
    if (end > this.bytes.byteLength) throw bad(`the entry “${entry.name}” is truncated`);
    const raw = this.bytes.subarray(start, end);
    let out: Uint8Array;
    if (entry.method === 0) {
      if (entry.compressedSize !== entry.size) throw bad(`the entry “${entry.name}” has inconsistent sizes`);
      out = raw;
    } else if (entry.method === 8) {
      out = inflateLimited(raw, entry, this.limits);
    } else {
      throw bad(`the entry “${entry.name}” uses a compression method (${entry.method}) that REFI-QDA does not use`);
    }
    if (out.byteLength !== entry.size) throw bad(`the entry “${entry.name}” is not the size its directory says`);
    if ((crc32(out) >>> 0) !== entry.crc >>> 0) throw bad(`the entry “${entry.name}” is damaged (checksum mismatch)`);
    return out;
  }
}

/** zlib's smallest output piece. */
const MIN_CHUNK = 64;

function inflateLimited(raw: Uint8Array, entry: ZipEntry, limits: ZipLimits): Uint8Array {
  // One byte more than declared lets zlib tell "exactly as declared" from "kept going".
  const cap = Math.min(entry.size, limits.maxEntryBytes) + 1;
  try {
    // Output in one piece when the declared size is believable (up to 1,032× the input, deflate's
    // limit): zlib's default 16 KB pieces are copied together once more at the end (62 MB for a
    // large study's project.qde). A size declared beyond that is caught by the cap as before.
    const chunkSize = Math.max(MIN_CHUNK, Math.min(cap, raw.byteLength * 1032 + 64));
    return inflateRawSync(raw, { maxOutputLength: cap, chunkSize });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
      throw unsafe(`the entry “${entry.name}” unpacks to more than the ${entry.size} bytes it declares`);
    }
    throw bad(`the entry “${entry.name}” cannot be decompressed`);
  }
}

function megabytes(n: number): string {
  return `${Math.round(n / (1024 * 1024))} MB`;
}

function dosDateTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((Math.max(1980, d.getFullYear()) - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

/**
 * How hard entries are compressed. Level 1: a large study's project.qde and sources (77 MB of XML
 * and plain text) pack to 14.1 MB in about 420 ms of CPU, against 12.6 MB in about 750 ms at zlib's
 * default 6; the archive is written once and read by programs that inflate it in a moment.
 */
const DEFLATE_LEVEL = 1;

/** Room for a piece's deflated bytes, so zlib packs a whole piece in one go on its thread. */
const piecesRoom = (bytes: number) => Math.max(64 * 1024, bytes + (bytes >> 3) + 1024);

function deflatePiece(piece: Uint8Array, last: boolean): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    deflateRaw(piece, { level: DEFLATE_LEVEL, chunkSize: piecesRoom(piece.byteLength), finishFlush: last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH }, (err, out) =>
      err ? reject(err) : resolve(out),
    ),
  );
}

/**
 * One zip entry, deflated piece by piece on zlib's thread pool while the caller goes on producing
 * the next piece (the XML writer hands over each megabyte it has written). Each piece is packed on
 * its own and ends on a byte boundary (a sync flush), the last with the final block: together they
 * are one deflate stream, as pigz makes them. Only the checksum is computed here, in order.
 */
export class PackedEntry {
  private readonly pieces: Promise<Buffer>[] = [];
  private crc = 0;
  private size = 0;
  private ended = false;

  constructor(readonly name: string) {}

  add(piece: Uint8Array): this {
    return this.put(piece, false);
  }

  end(piece: Uint8Array = new Uint8Array(0)): this {
    return this.put(piece, true);
  }

  private put(piece: Uint8Array, last: boolean): this {
    if (this.ended) throw new Error(`the zip entry ${this.name} is already complete`);
    this.crc = crc32(piece, this.crc);
    this.size += piece.byteLength;
    const packing = deflatePiece(piece, last);
    // An export stopped half-way never asks for its pieces: a failure then must not go unhandled.
    packing.catch(() => {});
    this.pieces.push(packing);
    this.ended = last;
    return this;
  }

  async packed(): Promise<{ readonly nameBytes: Uint8Array; readonly crc: number; readonly size: number; readonly data: Buffer }> {
    if (!this.ended) this.end();
    return { nameBytes: new TextEncoder().encode(this.name), crc: this.crc >>> 0, size: this.size, data: Buffer.concat(await Promise.all(this.pieces)) };
  }
}

/**
 * Builds a zip in memory from entries deflated with native zlib (the project document of a large
 * study is tens of megabytes). Entry names are ours and UTF-8; sizes stay far below the 4 GB of classic zip.
 */
export async function writeZip(entries: readonly PackedEntry[], now = new Date()): Promise<Uint8Array> {
  const { time, date } = dosDateTime(now);
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const { nameBytes, crc, size, data: packed } = await entry.packed();
    const header = (length: number, sig: number) => {
      const b = new Uint8Array(length);
      const v = new DataView(b.buffer);
      v.setUint32(0, sig, true);
      return { b, v };
    };
    const local = header(30 + nameBytes.length, SIG_LOCAL);
    local.v.setUint16(4, 20, true);
    local.v.setUint16(6, 0x0800, true);
    local.v.setUint16(8, 8, true);
    local.v.setUint16(10, time, true);
    local.v.setUint16(12, date, true);
    local.v.setUint32(14, crc, true);
    local.v.setUint32(18, packed.byteLength, true);
    local.v.setUint32(22, size, true);
    local.v.setUint16(26, nameBytes.length, true);
    local.b.set(nameBytes, 30);
    const central = header(46 + nameBytes.length, SIG_CENTRAL);
    central.v.setUint16(4, 20, true);
    central.v.setUint16(6, 20, true);
    central.v.setUint16(8, 0x0800, true);
    central.v.setUint16(10, 8, true);
    central.v.setUint16(12, time, true);
    central.v.setUint16(14, date, true);
    central.v.setUint32(16, crc, true);
    central.v.setUint32(20, packed.byteLength, true);
    central.v.setUint32(24, size, true);
    central.v.setUint16(28, nameBytes.length, true);
    central.v.setUint32(42, offset, true);
    central.b.set(nameBytes, 46);
    locals.push(local.b, packed);
    centrals.push(central.b);
    offset += local.b.byteLength + packed.byteLength;
  }
  const cdSize = centrals.reduce((n, c) => n + c.byteLength, 0);
  const end = new Uint8Array(EOCD_MIN);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, SIG_EOCD, true);
  ev.setUint16(8, centrals.length, true);
  ev.setUint16(10, centrals.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const out = new Uint8Array(offset + cdSize + EOCD_MIN);
  let p = 0;
  for (const part of [...locals, ...centrals, end]) {
    out.set(part, p);
    p += part.byteLength;
  }
  return out;
}
