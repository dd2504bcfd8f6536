import { codePointIndex, isWordBoundary, newlineMap, splitsSurrogatePair, type CodePointIndex, type NewlineMap } from '../../../shared/domain/offsets';

// REFI-QDA counts code points over the plain-text source; NVivo counts UTF-16 code units over the
// same text with its CRLF newlines (BOM excluded). Some tools count over normalized newlines.
// Which one a file uses is decided from the evidence: the interpretation under which the most
// selections start and end on word boundaries wins; the origin only breaks ties.

export type PositionUnit = 'code-points' | 'utf16';
export type NewlineCounting = 'as-in-source' | 'normalized';

export interface Interpretation {
  readonly unit: PositionUnit;
  readonly newlines: NewlineCounting;
}

export interface PreparedText {
  /** The source text as the other program had it (BOM removed, newlines untouched). */
  readonly raw: string;
  /** The text as Condensa stores it (LF newlines). */
  readonly text: string;
  readonly newlines: NewlineMap;
  readonly rawIndex: CodePointIndex;
  readonly textIndex: CodePointIndex;
}

export function prepareText(raw: string): PreparedText {
  const newlines = newlineMap(raw);
  const rawIndex = codePointIndex(raw);
  const textIndex = newlines.text === raw ? rawIndex : codePointIndex(newlines.text);
  return { raw, text: newlines.text, newlines, rawIndex, textIndex };
}

/** A position of the other program → a UTF-16 offset in Condensa's text, or null when out of range. */
export function toDocumentOffset(t: PreparedText, how: Interpretation, position: number): number | null {
  if (!Number.isInteger(position) || position < 0) return null;
  if (how.newlines === 'as-in-source') {
    if (how.unit === 'utf16') return position > t.raw.length ? null : t.newlines.toNormalized(position);
    return position > t.rawIndex.codePointLength ? null : t.newlines.toNormalized(t.rawIndex.toUtf16(position));
  }
  if (how.unit === 'utf16') return position > t.text.length ? null : position;
  return position > t.textIndex.codePointLength ? null : t.textIndex.toUtf16(position);
}

export type RangeResult =
  | { readonly ok: true; readonly start: number; readonly end: number; readonly clamped: boolean }
  | { readonly ok: false; readonly reason: 'outside' | 'empty' };

/** Converts a selection; an end past the text is pulled back to its end (and flagged). */
export function toDocumentRange(t: PreparedText, how: Interpretation, start: number, end: number): RangeResult {
  let s = toDocumentOffset(t, how, start);
  if (s === null) return { ok: false, reason: 'outside' };
  let e = toDocumentOffset(t, how, end);
  let clamped = false;
  if (e === null) {
    e = t.text.length;
    clamped = true;
  }
  if (e <= s) return { ok: false, reason: 'empty' };
  // Never cut an emoji in half: widen to the whole character.
  if (splitsSurrogatePair(t.text, s)) s -= 1;
  if (splitsSurrogatePair(t.text, e)) e += 1;
  if (e <= s) return { ok: false, reason: 'empty' };
  return { ok: true, start: s, end: e, clamped };
}

export interface Detection {
  readonly chosen: Interpretation;
  readonly selections: number;
  readonly onWordBoundaries: number;
  readonly alternatives: readonly { readonly interpretation: Interpretation; readonly onWordBoundaries: number }[];
  readonly explanation: string;
}

const ALL: readonly Interpretation[] = [
  { unit: 'code-points', newlines: 'as-in-source' },
  { unit: 'utf16', newlines: 'as-in-source' },
  { unit: 'code-points', newlines: 'normalized' },
  { unit: 'utf16', newlines: 'normalized' },
];

export function describeInterpretation(i: Interpretation): string {
  if (i.unit === 'utf16' && i.newlines === 'as-in-source') return 'UTF-16 code units over the source text, CRLF counted as two (as NVivo counts)';
  if (i.unit === 'code-points' && i.newlines === 'as-in-source') return 'Unicode code points over the source text (as the REFI-QDA standard counts)';
  return `${i.unit === 'utf16' ? 'UTF-16 code units' : 'code points'} with each newline counted once`;
}

function same(a: Interpretation, b: Interpretation): boolean {
  return a.unit === b.unit && a.newlines === b.newlines;
}

/** Prefers what the file's origin says when the evidence is even (NVivo: UTF-16; everyone else: the standard). */
function preferenceOrder(origin: string | null): Interpretation[] {
  const nvivo = /nvivo/i.test(origin ?? '');
  const first = nvivo ? ALL[1] : ALL[0];
  return [first, ...ALL.filter((i) => !same(i, first))];
}

function countOnBoundaries(items: readonly { text: PreparedText; ranges: readonly (readonly [number, number])[] }[], how: Interpretation): number {
  let n = 0;
  for (const { text, ranges } of items) {
    for (const [start, end] of ranges) {
      const s = toDocumentOffset(text, how, start);
      const e = toDocumentOffset(text, how, end);
      if (s !== null && e !== null && e > s && isWordBoundary(text.text, s) && isWordBoundary(text.text, e)) n += 1;
    }
  }
  return n;
}

export function detectInterpretation(items: readonly { text: PreparedText; ranges: readonly (readonly [number, number])[] }[], origin: string | null): Detection {
  const order = preferenceOrder(origin);
  const selections = items.reduce((sum, i) => sum + i.ranges.length, 0);
  const hasAstral = items.some((i) => i.text.rawIndex.codePointLength !== i.text.raw.length);
  const hasCr = items.some((i) => i.text.text !== i.text.raw);
  // Interpretations that cannot differ on these texts are not worth scoring separately.
  const relevant = order.filter((i) => (hasAstral || i.unit === order[0].unit) && (hasCr || i.newlines === order[0].newlines));
  const scored = relevant.map((interpretation) => ({ interpretation, onWordBoundaries: countOnBoundaries(items, interpretation) }));
  let best = scored[0];
  for (const s of scored) if (s.onWordBoundaries > best.onWordBoundaries) best = s;
  const alternatives = scored.filter((s) => s !== best);
  let explanation = `Positions were read as ${describeInterpretation(best.interpretation)}: ${best.onWordBoundaries} of ${selections} selections start and end on word boundaries.`;
  for (const a of alternatives) explanation += ` Read as ${describeInterpretation(a.interpretation)}: ${a.onWordBoundaries}.`;
  return { chosen: best.interpretation, selections, onWordBoundaries: best.onWordBoundaries, alternatives, explanation };
}
