import { textLocale } from './direction';
import { isNonSpeech } from './non-speech';
import { trimSpan } from './spans';

export type SegmentMode = 'turn' | 'paragraph' | 'sentence';

/** A half-open range of UTF-16 offsets. */
export interface TextRange {
  readonly start: number;
  readonly end: number;
}

export interface SegmentOptions {
  /** BCP 47 locale for sentence and word rules; by default the text's own (Persian, Arabic, Hebrew by their script), else English. */
  readonly locale?: string;
}

export type SnapDirection = 'backward' | 'forward';

const DEFAULT_LOCALE = 'en';
const SNAP_WINDOW = 256;
const PARAGRAPH_BREAK = /\n[ \t\r]*\n/g;
// Abbreviations after which a name follows: never a sentence end.
const TITLE = /(?:^|[^\p{L}])(?:dr|mr|mrs|ms|prof|st)\.$/iu;
// Rarely at the end of a sentence, whatever follows.
const INLINE_ABBREVIATION = /(?:^|[^\p{L}])(?:e\.g|i\.e|cf|vs|approx)\.$/iu;
// "etc." ends sentences too; it runs on only into lower case or a number.
const ETC = /(?:^|[^\p{L}])etc\.$/iu;
// "No. 5", "Fig. 3" – but "No. I think ..." is an answer.
const NUMBER_PREFIX = /(?:^|[^\p{L}])(?:no|fig)\.$/iu;
// "J. Smith"; not the pronoun in "so was I."
const INITIAL = /(?:^|[^\p{L}])(?!I\.)\p{Lu}\.$/u;
const STARTS_LOWER_OR_DIGIT = /^[\p{Ll}\p{N}]/u;
const STARTS_DIGIT = /^\p{N}/u;

const segmenters = new Map<string, Intl.Segmenter>();

/**
 * Meaning units inside turns: sorted, non-overlapping, trimmed, never crossing a turn boundary.
 * Without turns the whole text is one span. A stretch that holds only stage directions, inaudible
 * marks or timestamps ("(Laughter)", "[00:12:03]") stays in the text but is no unit.
 */
export function segmentUnits(
  text: string,
  turns: readonly TextRange[],
  mode: SegmentMode,
  options: SegmentOptions = {},
): TextRange[] {
  const units: TextRange[] = [];
  const locale = options.locale ?? textLocale(text, DEFAULT_LOCALE);
  for (const span of turnSpans(text, turns)) {
    for (const piece of splitSpan(text, span, mode, locale)) {
      const [start, end] = trimSpan(text, piece.start, piece.end);
      if (start < end && !isNonSpeech(text.slice(start, end))) units.push({ start, end });
    }
  }
  return units;
}

/** The nearest word boundary at or before (backward) or at or after (forward) the offset. */
export function snapToWord(text: string, offset: number, direction: SnapDirection, locale = DEFAULT_LOCALE): number {
  const at = Math.max(0, Math.min(text.length, Math.round(offset)));
  if (at === 0 || at === text.length) return at;
  // Segmenting the whole document on every drag event is slow; a window around the offset suffices
  // unless the word reaches the window's edge.
  const from = Math.max(0, at - SNAP_WINDOW);
  const to = Math.min(text.length, at + SNAP_WINDOW);
  const near = wordSegmentAt(text.slice(from, to), at - from, locale);
  const clipped = near !== null && ((near.start === 0 && from > 0) || (near.end === to - from && to < text.length));
  const word =
    near === null || clipped ? wordSegmentAt(text, at, locale) : { start: near.start + from, end: near.end + from };
  if (word === null || word.start === at) return at;
  return direction === 'backward' ? word.start : word.end;
}

function wordSegmentAt(text: string, offset: number, locale: string): TextRange | null {
  const segment = segmenter(locale, 'word').segment(text).containing(offset);
  return segment === undefined ? null : { start: segment.index, end: segment.index + segment.segment.length };
}

// Sorted and clipped so that overlapping or out-of-range turns still yield disjoint units.
function turnSpans(text: string, turns: readonly TextRange[]): TextRange[] {
  if (turns.length === 0) return [{ start: 0, end: text.length }];
  const sorted = [...turns].sort((a, b) => a.start - b.start || a.end - b.end);
  const spans: TextRange[] = [];
  let floor = 0;
  for (const turn of sorted) {
    const start = Math.max(floor, Math.min(text.length, turn.start));
    const end = Math.min(text.length, turn.end);
    if (start >= end) continue;
    spans.push({ start, end });
    floor = end;
  }
  return spans;
}

function splitSpan(text: string, span: TextRange, mode: SegmentMode, locale: string): TextRange[] {
  if (mode === 'turn') return [span];
  const paragraphs = splitParagraphs(text, span);
  if (mode === 'paragraph') return paragraphs;
  return paragraphs.flatMap((paragraph) => splitSentences(text, paragraph, locale));
}

function splitParagraphs(text: string, span: TextRange): TextRange[] {
  const slice = text.slice(span.start, span.end);
  const paragraphs: TextRange[] = [];
  let from = 0;
  for (const match of slice.matchAll(PARAGRAPH_BREAK)) {
    const index = match.index ?? 0;
    paragraphs.push({ start: span.start + from, end: span.start + index });
    from = index + match[0].length;
  }
  paragraphs.push({ start: span.start + from, end: span.end });
  return paragraphs;
}

function splitSentences(text: string, paragraph: TextRange, locale: string): TextRange[] {
  // Hard-wrapped lines are one sentence flow: a newline would otherwise end a sentence. Same length,
  // so offsets hold.
  const flowed = text.slice(paragraph.start, paragraph.end).replace(/[\r\n]/g, ' ');
  const pieces: TextRange[] = [];
  for (const sentence of sentenceSegments(flowed, locale)) {
    const [start, end] = trimSpan(flowed, sentence.start, sentence.end);
    if (start === end) continue;
    const previous = pieces[pieces.length - 1];
    if (previous !== undefined && continuesAfter(flowed, previous, { start, end })) {
      pieces[pieces.length - 1] = { start: previous.start, end };
    } else {
      pieces.push({ start, end });
    }
  }
  return pieces.map((p) => ({ start: paragraph.start + p.start, end: paragraph.start + p.end }));
}

// Walking a string with Intl.Segmenter takes time quadratic in its length (V8), so a 4 MB paragraph
// would take minutes. Long paragraphs are walked in windows. Whether a sentence ends depends on the
// text after it (". 42 we" does not end one: UAX #29 rule SB8 looks ahead to the next letter), so a
// window keeps only the sentences that end well before its edge, and the next window starts there.
const SENTENCE_WINDOW = 8192;
const LOOKAHEAD_MARGIN = 1024;

function sentenceSegments(text: string, locale: string): TextRange[] {
  const out: TextRange[] = [];
  let from = 0;
  while (from < text.length) {
    const to = Math.min(text.length, from + SENTENCE_WINDOW);
    const found = Array.from(segmenter(locale, 'sentence').segment(text.slice(from, to)), ({ segment, index }) => ({
      start: from + index,
      end: from + index + segment.length,
    }));
    if (to === text.length) return [...out, ...found];
    const settled = found.filter((s) => s.end <= to - LOOKAHEAD_MARGIN);
    const kept = settled.length > 0 ? settled : found.slice(0, -1);
    if (kept.length > 0) {
      out.push(...kept);
      from = kept[kept.length - 1].end;
    } else {
      // One "sentence" fills the window: cut it at its last space rather than never finish.
      const cut = cutPoint(text, from, to);
      out.push({ start: from, end: cut });
      from = cut;
    }
  }
  return out;
}

function cutPoint(text: string, from: number, to: number): number {
  const space = text.lastIndexOf(' ', to - 1);
  if (space > from) return space + 1;
  const high = text.charCodeAt(to - 1);
  return high >= 0xd800 && high <= 0xdbff ? to - 1 : to;
}

// Whether the sentence break between two pieces follows an abbreviation or an initial, not a sentence end.
function continuesAfter(text: string, previous: TextRange, next: TextRange): boolean {
  const before = text.slice(previous.start, previous.end);
  const after = text.slice(next.start, next.end);
  if (TITLE.test(before) || INLINE_ABBREVIATION.test(before) || INITIAL.test(before)) return true;
  if (ETC.test(before)) return STARTS_LOWER_OR_DIGIT.test(after);
  if (NUMBER_PREFIX.test(before)) return STARTS_DIGIT.test(after);
  return false;
}

function segmenter(locale: string, granularity: 'sentence' | 'word'): Intl.Segmenter {
  const key = `${locale}|${granularity}`;
  let cached = segmenters.get(key);
  if (cached === undefined) {
    cached = new Intl.Segmenter(locale, { granularity });
    segmenters.set(key, cached);
  }
  return cached;
}
