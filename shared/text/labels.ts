import { isAnnotation, isPlausibleName } from './label-words';

export type LabelStyle = 'bold' | 'bracket' | 'heading' | 'colon' | 'dash';

/** A speaker-label candidate at the start of a line. Offsets are absolute. */
export interface LabelMatch {
  readonly name: string;
  readonly style: LabelStyle;
  readonly labelStart: number;
  readonly labelEnd: number;
  /** A parenthesised attribute part after the name (`F, 2nd year`), without its parentheses. */
  readonly attributes: string | null;
  /** After the label, a timestamp following it and whitespace; may be the end of the line. */
  readonly textStart: number;
  readonly timestamp: string | null;
}

const TIME = String.raw`\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?`;
const LONG_TIME = String.raw`\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,3})?`;
const WRAPPED_TIME = String.raw`\\\[(${TIME})\\\]|\[(${TIME})\]|\((${TIME})\)`;
// ZWNJ joins the parts of one Persian word (مصاحبه‌کننده). A word never starts with a dash, so `Sean - At eighteen - ...` keeps the dash label short.
const WORD = String.raw`[\p{L}\p{M}\p{N}.'’\u200c][\p{L}\p{M}\p{N}.'’\-\u200c]*`;
const NAME = String.raw`${WORD}(?:[ \t]+${WORD}){0,3}`;
// `Mentee 1 (F):`, `Anna (F, 2nd year):` — a short attribute part, no nested brackets or colons.
const ATTRIBUTES = String.raw`(?:[ \t]*\(([^()\[\]:\n]{1,40})\))?`;
// `P3 [00:01:02]:` — a time between the name and the colon.
const INNER_TIME = String.raw`(?:[ \t]*(?:\[(${TIME})\]|\((${TIME})\)))?`;

// Before a label any time form is a timestamp; after one, a bare "10:30" may be the start of speech.
const LEADING_TIME = new RegExp(String.raw`^(?:${WRAPPED_TIME}|(${TIME})(?=[ \t]|$))[ \t]*`, 'u');
const TRAILING_TIME = new RegExp(String.raw`^(?:${WRAPPED_TIME}|(${LONG_TIME})(?=[ \t]|$))[ \t]*`, 'u');
const TIME_LINE = new RegExp(String.raw`^[ \t]*(?:${WRAPPED_TIME}|(${TIME}))[ \t]*$`, 'u');

// Tried in order; the first plausible name wins.
const PATTERNS: readonly (readonly [LabelStyle, RegExp])[] = [
  ['bold', new RegExp(String.raw`^\*\*[ \t]*(${NAME})${ATTRIBUTES}${INNER_TIME}[ \t]*(?::[ \t]*\*\*|\*\*[ \t]*:)[ \t]*`, 'u')],
  ['bracket', new RegExp(String.raw`^\[[ \t]*(${NAME})[ \t]*\][ \t]*:?(?=[ \t]|$)[ \t]*`, 'u')],
  ['heading', new RegExp(String.raw`^(${NAME})[ \t]+(?:${WRAPPED_TIME}|(${TIME}))[ \t]*$`, 'u')],
  ['colon', new RegExp(String.raw`^(${NAME})${ATTRIBUTES}${INNER_TIME}[ \t]*:(?=[ \t]|$)[ \t]*`, 'u')],
  ['dash', new RegExp(String.raw`^(${NAME})[ \t]+[-–—](?=[ \t]|$)[ \t]*`, 'u')],
];

/** The time of a line that holds only a timestamp (`[00:03:59]`, `\[03:59\]`, `00:12`), else null. */
export function matchTimestampLine(content: string): string | null {
  const match = TIME_LINE.exec(content);
  return match === null ? null : firstGroup(match, 1);
}

export function matchLabel(content: string, lineStart: number): LabelMatch | null {
  let pos = content.length - content.trimStart().length;
  const leading = LEADING_TIME.exec(content.slice(pos));
  if (leading !== null) pos += leading[0].length;
  const rest = content.slice(pos);
  for (const [style, pattern] of PATTERNS) {
    const match = pattern.exec(rest);
    if (match === null) continue;
    const name = match[1].replace(/\s+/g, ' ');
    if (!isPlausibleName(name) || isAnnotation(name)) continue;
    if (style === 'heading') {
      const nameEnd = lineStart + pos + match[1].length;
      return label(name, style, lineStart + pos, nameEnd, lineStart + content.length, firstGroup(match, 2), null);
    }
    const hasParts = style === 'bold' || style === 'colon';
    const attributes = hasParts && match[2] !== undefined ? match[2].trim() : null;
    const inner = hasParts ? firstGroup(match, 3) : null;
    const labelEnd = pos + match[0].trimEnd().length;
    const afterLabel = pos + match[0].length;
    const trailing = TRAILING_TIME.exec(content.slice(afterLabel));
    const timestamp =
      trailing !== null ? firstGroup(trailing, 1) : (inner ?? (leading === null ? null : firstGroup(leading, 1)));
    const textStart = afterLabel + (trailing === null ? 0 : trailing[0].length);
    return label(name, style, lineStart + pos, lineStart + labelEnd, lineStart + textStart, timestamp, attributes);
  }
  return null;
}

function label(
  name: string,
  style: LabelStyle,
  labelStart: number,
  labelEnd: number,
  textStart: number,
  timestamp: string | null,
  attributes: string | null,
): LabelMatch {
  return { name, style, labelStart, labelEnd, textStart, timestamp, attributes };
}

// The alternatives of a time pattern capture into different groups; exactly one is set.
function firstGroup(match: RegExpExecArray, from: number): string | null {
  for (let i = from; i < match.length; i++) {
    if (match[i] !== undefined) return match[i];
  }
  return null;
}
