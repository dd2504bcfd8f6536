import { detectTurns, summarizeSpeakers, type DetectTurnsOptions, type Turn } from './speakers';
import { trimSpan } from './spans';
import { normalizeNewlines } from './decode';
import type { ParsedTranscript } from './transcript';

/** Plain text with a map from offsets in the Markdown source to offsets in that text. */
export interface StrippedMarkdown {
  readonly text: string;
  readonly toPlain: (sourceOffset: number) => number;
}

const ESCAPABLE = /[!-/:-@[-`{-~]/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^ {0,3}#{1,6}(?:[ \t]+|$)/;
const QUOTE = /^ {0,3}>[ \t]?/;
const RULE = /^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,}|={3,}[ \t]*)$/;
// No part of a link may hold a `[` (nor an autolink a `<`): each attempt then stops at the next
// one, so a line full of unclosed brackets is scanned once, not once per bracket.
const LINK = /!?\[([^[\]\n]*)\](?:\([^()[\n]*\)|\[[^[\]\n]*\])/g;
const AUTOLINK = /<((?:https?|mailto|ftp):[^<>\s]*)>/g;
const HTML_TAG = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g;
const CODE_SPAN = /(`+)(.+?)\1/g;
const WHITESPACE = /\s/;
const PUNCTUATION = /[\p{P}\p{S}]/u;

export function markdownToPlain(markdown: string): string {
  return stripMarkdown(markdown).text;
}

/**
 * Turns of a Markdown transcript, with offsets into its plain text. Labels are found on the source,
 * where `**Name:**` and `\[03:59\]` are unambiguous, then carried over to the stripped text.
 */
export function parseMarkdown(markdown: string, options: DetectTurnsOptions = {}): ParsedTranscript {
  const source = normalizeNewlines(markdown);
  const stripped = stripMarkdown(source);
  const turns = detectTurns(source, options).turns.map((turn) => mapTurn(turn, stripped));
  return { text: stripped.text, turns, speakers: summarizeSpeakers(turns) };
}

function mapTurn(turn: Turn, stripped: StrippedMarkdown): Turn {
  const [start, end] = trimSpan(stripped.text, stripped.toPlain(turn.start), stripped.toPlain(turn.end));
  const labelled = turn.speaker !== null;
  return {
    ...turn,
    start,
    end,
    labelStart: labelled ? stripped.toPlain(turn.labelStart) : start,
    labelEnd: labelled ? stripped.toPlain(turn.labelEnd) : start,
  };
}

export function stripMarkdown(markdown: string): StrippedMarkdown {
  const marks = new Marks(markdown.length);
  let inFence: string | null = null;
  let lineStart = 0;
  for (const line of markdown.split('\n')) {
    const fence = FENCE.exec(line);
    if (fence !== null && (inFence === null || fence[1].startsWith(inFence))) {
      marks.drop(lineStart, lineStart + line.length);
      inFence = inFence === null ? fence[1] : null;
    } else if (inFence === null) {
      stripLine(line, lineStart, marks);
    }
    lineStart += line.length + 1;
  }
  return marks.apply(markdown);
}

function stripLine(line: string, lineStart: number, marks: Marks): void {
  if (RULE.test(line)) {
    marks.drop(lineStart, lineStart + line.length);
    return;
  }
  let from = 0;
  for (let quote = QUOTE.exec(line); quote !== null; quote = QUOTE.exec(line.slice(from))) {
    marks.drop(lineStart + from, lineStart + from + quote[0].length);
    from += quote[0].length;
  }
  const heading = HEADING.exec(line.slice(from));
  if (heading !== null) {
    marks.drop(lineStart + from, lineStart + from + heading[0].length);
    const closing = closingHashes(line, from + heading[0].trimEnd().length);
    if (closing >= 0) marks.drop(lineStart + closing, lineStart + line.length);
  }
  stripInline(line, lineStart, marks);
}

// Where a heading's closing `#`s (and the blanks before them) start, or -1; a backward scan,
// because a regex tried at every blank would take quadratic time on a long run of blanks.
function closingHashes(line: string, openingEnd: number): number {
  let end = line.length;
  while (end > openingEnd && isBlank(line[end - 1])) end--;
  let hashes = end;
  while (hashes > openingEnd && line[hashes - 1] === '#') hashes--;
  let start = hashes;
  while (start > openingEnd && isBlank(line[start - 1])) start--;
  return hashes < end && start < hashes ? start : -1;
}

function isBlank(char: string): boolean {
  return char === ' ' || char === '\t';
}

function stripInline(line: string, lineStart: number, marks: Marks): void {
  markEscapes(line, lineStart, marks);
  markCodeSpans(line, lineStart, marks);
  markLinks(line, lineStart, marks);
  markTags(line, lineStart, marks);
  markEmphasis(line, lineStart, marks);
}

function markEscapes(line: string, lineStart: number, marks: Marks): void {
  for (let i = 0; i < line.length - 1; i++) {
    if (line[i] !== '\\' || marks.isProtected(lineStart + i) || !ESCAPABLE.test(line[i + 1])) continue;
    marks.drop(lineStart + i, lineStart + i + 1);
    marks.protect(lineStart + i + 1, lineStart + i + 2);
    i++;
  }
}

function markCodeSpans(line: string, lineStart: number, marks: Marks): void {
  for (const match of line.matchAll(CODE_SPAN)) {
    const at = lineStart + (match.index ?? 0);
    if (marks.isProtected(at)) continue;
    const ticks = match[1].length;
    marks.drop(at, at + ticks);
    marks.protect(at + ticks, at + match[0].length - ticks);
    marks.drop(at + match[0].length - ticks, at + match[0].length);
  }
}

function markLinks(line: string, lineStart: number, marks: Marks): void {
  for (const match of line.matchAll(LINK)) {
    const at = lineStart + (match.index ?? 0);
    const open = match[0].startsWith('!') ? 2 : 1;
    const textEnd = at + open + match[1].length;
    if (marks.isProtected(at + open - 1) || marks.isProtected(textEnd)) continue;
    marks.drop(at, at + open);
    marks.drop(textEnd, at + match[0].length);
  }
  for (const match of line.matchAll(AUTOLINK)) {
    const at = lineStart + (match.index ?? 0);
    marks.drop(at, at + 1);
    marks.drop(at + match[0].length - 1, at + match[0].length);
  }
}

function markTags(line: string, lineStart: number, marks: Marks): void {
  for (const match of line.matchAll(HTML_TAG)) {
    const at = lineStart + (match.index ?? 0);
    if (!marks.isProtected(at)) marks.drop(at, at + match[0].length);
  }
}

interface Delimiter {
  readonly char: string;
  /** Place on the line among all openers, to drop the ones a match encloses. */
  readonly order: number;
  start: number;
  remaining: number;
}

// Openers waiting for a closer, one stack per delimiter character: the opener a closer pairs with
// is the top of its own stack, so a line of many runs takes linear time, not a search per closer.
type Openers = Map<string, Delimiter[]>;

// A simplified CommonMark delimiter-run algorithm: pairs `*`, `_` and `~~` runs by flanking rules.
function markEmphasis(line: string, lineStart: number, marks: Marks): void {
  const openers: Openers = new Map([
    ['*', []],
    ['_', []],
    ['~', []],
  ]);
  let order = 0;
  let i = 0;
  while (i < line.length) {
    const char = line[i];
    if (!isDelimiterChar(char) || !marks.isPlain(lineStart + i)) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < line.length && line[end] === char && marks.isPlain(lineStart + end)) end++;
    const run: Delimiter = { char, order: order++, start: lineStart + i, remaining: end - i };
    const { canOpen, canClose } = flanking(char, line[i - 1], line[end]);
    if (char !== '~' || run.remaining === 2) {
      if (canClose) closeRun(run, openers, marks);
      if (canOpen && run.remaining > 0) openers.get(char)?.push(run);
    }
    i = end;
  }
}

function closeRun(closer: Delimiter, openers: Openers, marks: Marks): void {
  const own = openers.get(closer.char) ?? [];
  while (closer.remaining > 0) {
    const opener = own.at(-1);
    if (opener === undefined) return;
    const use = opener.remaining >= 2 && closer.remaining >= 2 ? 2 : 1;
    marks.drop(opener.start + opener.remaining - use, opener.start + opener.remaining);
    marks.drop(closer.start, closer.start + use);
    opener.remaining -= use;
    closer.start += use;
    closer.remaining -= use;
    if (opener.remaining === 0) own.pop();
    // Openers of other characters between the pair can no longer close anything (CommonMark).
    for (const [char, stack] of openers) {
      if (char === closer.char) continue;
      while (stack.length > 0 && (stack.at(-1)?.order ?? -1) > opener.order) stack.pop();
    }
  }
}

function isDelimiterChar(char: string): boolean {
  return char === '*' || char === '_' || char === '~';
}

function flanking(
  char: string,
  before: string | undefined,
  after: string | undefined,
): { readonly canOpen: boolean; readonly canClose: boolean } {
  const beforeSpace = before === undefined || WHITESPACE.test(before);
  const afterSpace = after === undefined || WHITESPACE.test(after);
  const beforePunct = before !== undefined && PUNCTUATION.test(before);
  const afterPunct = after !== undefined && PUNCTUATION.test(after);
  const left = !afterSpace && (!afterPunct || beforeSpace || beforePunct);
  const right = !beforeSpace && (!beforePunct || afterSpace || afterPunct);
  // snake_case words keep their underscores.
  if (char === '_') return { canOpen: left && (!right || beforePunct), canClose: right && (!left || afterPunct) };
  return { canOpen: left, canClose: right };
}

// Per source character: dropped from the output, or protected from further Markdown rules.
class Marks {
  private readonly dropped: Uint8Array;
  private readonly protectedChars: Uint8Array;

  constructor(length: number) {
    this.dropped = new Uint8Array(length);
    this.protectedChars = new Uint8Array(length);
  }

  drop(from: number, to: number): void {
    this.dropped.fill(1, from, to);
  }

  protect(from: number, to: number): void {
    this.protectedChars.fill(1, from, to);
  }

  isProtected(index: number): boolean {
    return this.protectedChars[index] === 1;
  }

  isPlain(index: number): boolean {
    return this.dropped[index] === 0 && this.protectedChars[index] === 0;
  }

  apply(source: string): StrippedMarkdown {
    // Kept text goes out in slices, one per run of kept characters: a part per character would
    // cost more memory than the text itself many times over.
    const kept: string[] = [];
    // plainAt[i]: how many kept characters precede source offset i.
    const plainAt = new Uint32Array(source.length + 1);
    let count = 0;
    let runStart = -1;
    for (let i = 0; i < source.length; i++) {
      plainAt[i] = count;
      if (this.dropped[i] === 0) {
        if (runStart < 0) runStart = i;
        count++;
      } else if (runStart >= 0) {
        kept.push(source.slice(runStart, i));
        runStart = -1;
      }
    }
    if (runStart >= 0) kept.push(source.slice(runStart));
    plainAt[source.length] = count;
    const toPlain = (offset: number): number => plainAt[Math.max(0, Math.min(source.length, offset))];
    return { text: kept.join(''), toPlain };
  }
}
