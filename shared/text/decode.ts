import { TextError } from './errors';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  readonly text: string;
  readonly encoding: TextEncoding;
}

// The heuristics only need a prefix: a transcript's encoding does not change half-way.
const SAMPLE_BYTES = 8192;
// Share of the sampled byte pairs that must carry a NUL in one half (and almost none in the other)
// before BOM-less bytes are read as UTF-16: ASCII-heavy UTF-16 text has a NUL in every pair.
const UTF16_NUL_SHARE = 0.4;
const UTF16_OTHER_NUL_SHARE = 0.02;
// Real text may hold a stray form feed or escape; binary files are full of control characters.
const MAX_CONTROL_SHARE = 0.02;

// Bytes 0x80–0x9F of windows-1252. The five unassigned bytes keep their Latin-1 code point,
// as the WHATWG Encoding Standard does.
const CP1252_HIGH: readonly number[] = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d,
  0x017d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0x9d, 0x017e, 0x0178,
];

const CHUNK = 8192;

export function decodeText(bytes: Uint8Array): DecodedText {
  const result = decodeByBomOrShape(bytes);
  assertLooksLikeText(result.text);
  return result;
}

/** Converts CRLF and lone CR to LF: documents are stored with LF only. */
export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

function decodeByBomOrShape(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    // The BOM is a declaration: keep its promise even if a byte is damaged, rather than guess.
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (startsWith(bytes, [0xff, 0xfe])) return { text: decodeUtf16(bytes.subarray(2), true), encoding: 'utf-16le' };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: decodeUtf16(bytes.subarray(2), false), encoding: 'utf-16be' };
  const utf16 = sniffUtf16(bytes);
  if (utf16 === 'utf-16le') return { text: decodeUtf16(bytes, true), encoding: utf16 };
  if (utf16 === 'utf-16be') return { text: decodeUtf16(bytes, false), encoding: utf16 };
  const utf8 = decodeStrictUtf8(bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const pairs = Math.floor(Math.min(bytes.length, SAMPLE_BYTES) / 2);
  if (pairs === 0) return null;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < pairs; i++) {
    if (bytes[2 * i] === 0) evenNuls++;
    if (bytes[2 * i + 1] === 0) oddNuls++;
  }
  if (oddNuls / pairs >= UTF16_NUL_SHARE && evenNuls / pairs <= UTF16_OTHER_NUL_SHARE) return 'utf-16le';
  if (evenNuls / pairs >= UTF16_NUL_SHARE && oddNuls / pairs <= UTF16_OTHER_NUL_SHARE) return 'utf-16be';
  return null;
}

function decodeUtf16(bytes: Uint8Array, littleEndian: boolean): string {
  const units = new Uint16Array(Math.floor(bytes.length / 2));
  for (let i = 0; i < units.length; i++) {
    const a = bytes[2 * i];
    const b = bytes[2 * i + 1];
    units[i] = littleEndian ? a | (b << 8) : (a << 8) | b;
  }
  const text = fromCodeUnits(units);
  return bytes.length % 2 === 1 ? text + '\ufffd' : text;
}

function decodeStrictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export function decodeWindows1252(bytes: Uint8Array): string {
  const units = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    units[i] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : b;
  }
  return fromCodeUnits(units);
}

// String.fromCharCode with a spread of a large array overflows the call stack, hence chunks.
function fromCodeUnits(units: Uint16Array): string {
  const parts: string[] = [];
  for (let i = 0; i < units.length; i += CHUNK) {
    parts.push(String.fromCharCode(...units.subarray(i, i + CHUNK)));
  }
  return parts.join('');
}

function assertLooksLikeText(text: string): void {
  const sample = text.slice(0, SAMPLE_BYTES);
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) throw binaryError();
    if (isSuspiciousControl(c)) controls++;
  }
  if (sample.length > 0 && controls / sample.length > MAX_CONTROL_SHARE) throw binaryError();
  // A NUL is never text, wherever it is; past the sample it means a damaged file, not a binary one.
  const nul = text.indexOf('\0', sample.length);
  if (nul >= 0) {
    const line = text.slice(0, nul).split('\n').length;
    throw new TextError('IMPORT_BINARY', `The file holds a NUL byte on line ${line}, which text never does: it is damaged, or not a text file.`);
  }
}

function isSuspiciousControl(c: number): boolean {
  const whitespace = c === 0x09 || c === 0x0a || c === 0x0b || c === 0x0c || c === 0x0d;
  return (c < 0x20 && !whitespace) || c === 0x7f || (c >= 0x80 && c <= 0x9f) || c === 0xfffd;
}

function binaryError(): TextError {
  return new TextError('IMPORT_BINARY', 'The file looks like binary data, not text.');
}
