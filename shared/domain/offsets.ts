// Offsets inside Condensa are UTF-16 code units (JavaScript string indexes) over text with LF
// newlines. Exchange formats count otherwise: REFI-QDA counts Unicode code points, NVivo counts
// UTF-16 code units over text that still has its CRLF newlines. These converters are the only
// place those worlds meet.

const HIGH_SURROGATE_MIN = 0xd800;
const HIGH_SURROGATE_MAX = 0xdbff;
const LOW_SURROGATE_MIN = 0xdc00;
const LOW_SURROGATE_MAX = 0xdfff;

function isHigh(code: number): boolean {
  return code >= HIGH_SURROGATE_MIN && code <= HIGH_SURROGATE_MAX;
}

function isLow(code: number): boolean {
  return code >= LOW_SURROGATE_MIN && code <= LOW_SURROGATE_MAX;
}

/** Index of the first element of a sorted array that is >= value. */
function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface CodePointIndex {
  /** Length of the text in UTF-16 code units. */
  readonly utf16Length: number;
  /** Length of the text in code points. */
  readonly codePointLength: number;
  /** Code points before a UTF-16 offset; an offset inside a surrogate pair counts the pair as not yet reached. */
  toCodePoints(utf16Offset: number): number;
  /** The UTF-16 offset of a code-point offset. */
  toUtf16(codePointOffset: number): number;
}

/**
 * Converts offsets in both directions in O(log n) per call, for texts of any size: only the
 * positions of surrogate pairs (emoji and other characters beyond the BMP) are stored.
 */
export function codePointIndex(text: string): CodePointIndex {
  // UTF-16 index of the high surrogate of every well-formed pair, in order.
  const pairs: number[] = [];
  for (let i = 0; i < text.length - 1; i += 1) {
    if (isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1))) {
      pairs.push(i);
      i += 1;
    }
  }
  // Code-point index of each pair: its UTF-16 index minus the pairs before it.
  const pairsAsCodePoints = pairs.map((u, k) => u - k);
  const utf16Length = text.length;
  const codePointLength = utf16Length - pairs.length;
  return {
    utf16Length,
    codePointLength,
    toCodePoints(offset) {
      const u = clamp(offset, 0, utf16Length);
      // Pairs that end at or before u are whole; a pair that u splits is not yet counted.
      const whole = lowerBound(pairs, u - 1);
      const inside = whole < pairs.length && pairs[whole] === u - 1;
      return u - whole - (inside ? 1 : 0);
    },
    toUtf16(cp) {
      const c = clamp(cp, 0, codePointLength);
      return c + lowerBound(pairsAsCodePoints, c);
    },
  };
}

function clamp(value: number, min: number, max: number): number {
  return value < min ? min : value > max ? max : value;
}

/** Code points in `text` before the UTF-16 offset. */
export function utf16ToCodePoints(text: string, utf16Offset: number): number {
  return codePointIndex(text).toCodePoints(utf16Offset);
}

/** The UTF-16 offset in `text` of a code-point offset. */
export function codePointsToUtf16(text: string, codePointOffset: number): number {
  return codePointIndex(text).toUtf16(codePointOffset);
}

/** Whether a UTF-16 offset falls between the two halves of a surrogate pair. */
export function splitsSurrogatePair(text: string, utf16Offset: number): boolean {
  return utf16Offset > 0 && utf16Offset < text.length && isHigh(text.charCodeAt(utf16Offset - 1)) && isLow(text.charCodeAt(utf16Offset));
}

export interface NewlineMap {
  /** The text with CRLF and lone CR turned into LF, as Condensa stores documents. */
  readonly text: string;
  /** An offset in the original text → the same place in the normalized text. */
  toNormalized(rawOffset: number): number;
  /** An offset in the normalized text → the same place in the original text. */
  toRaw(normalizedOffset: number): number;
}

/**
 * Normalizes newlines and maps offsets through it. Each CRLF loses its CR; a lone CR becomes LF
 * in place. An offset between CR and LF lands before the LF, so a range never gains half a newline.
 */
export function newlineMap(raw: string): NewlineMap {
  // Raw indexes of the CRs that are dropped (those followed by LF).
  const dropped: number[] = [];
  for (let i = raw.indexOf('\r'); i !== -1; i = raw.indexOf('\r', i + 1)) {
    if (raw.charCodeAt(i + 1) === 10) dropped.push(i);
  }
  const text = dropped.length === 0 && raw.indexOf('\r') === -1 ? raw : raw.replace(/\r\n?/g, '\n');
  // Normalized index of each dropped CR (= where its LF ends up).
  const droppedNormalized = dropped.map((r, k) => r - k);
  return {
    text,
    toNormalized(offset) {
      const o = clamp(offset, 0, raw.length);
      return o - lowerBound(dropped, o);
    },
    toRaw(offset) {
      const o = clamp(offset, 0, text.length);
      // The earliest raw offset: before the CR of a CRLF, never between CR and LF.
      return o + lowerBound(droppedNormalized, o);
    },
  };
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}\p{Pc}]/u;

function codePointBefore(text: string, offset: number): string {
  if (offset <= 0) return '';
  const low = text.charCodeAt(offset - 1);
  if (isLow(low) && offset >= 2 && isHigh(text.charCodeAt(offset - 2))) return text.slice(offset - 2, offset);
  return text[offset - 1];
}

function codePointAt(text: string, offset: number): string {
  if (offset >= text.length) return '';
  const cp = text.codePointAt(offset);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

/**
 * Whether a UTF-16 offset sits on a word boundary: not between two letters or digits, and not
 * inside a surrogate pair. The ends of the text are boundaries.
 */
export function isWordBoundary(text: string, offset: number): boolean {
  if (offset < 0 || offset > text.length) return false;
  if (splitsSurrogatePair(text, offset)) return false;
  return !(WORD_CHAR.test(codePointBefore(text, offset)) && WORD_CHAR.test(codePointAt(text, offset)));
}

/** Drops a leading byte-order mark: it marks the encoding and is not part of the text. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
