// A repair of a transcript's text is one replacement: the characters [start, end) give way to
// `text`. Everything anchored in the text (turns, meaning units, coded passages, decisions) is
// carried through the same mapping, so no table keeps an offset rule of its own. Offsets are
// UTF-16 code units, as everywhere in Condensa; a replacement never cuts a surrogate pair.

export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface Range {
  readonly start: number;
  readonly end: number;
}

function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Whether an offset falls between the two halves of a character outside the BMP (an emoji, say). */
export function splitsPair(text: string, offset: number): boolean {
  return offset > 0 && offset < text.length && isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset));
}

/** The text after the edit. */
export function applyEdit(text: string, edit: TextEdit): string {
  return text.slice(0, edit.start) + edit.text + text.slice(edit.end);
}

/**
 * The one replacement that turns `before` into `after`: what lies between their common beginning
 * and their common end. Null when they are the same. Never ends inside a surrogate pair.
 */
export function editBetween(before: string, after: string): TextEdit | null {
  if (before === after) return null;
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix += 1;
  if (splitsPair(before, prefix) || splitsPair(after, prefix)) prefix -= 1;
  let suffix = 0;
  while (suffix < max - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix += 1;
  if (splitsPair(before, before.length - suffix) || splitsPair(after, after.length - suffix)) suffix -= 1;
  return { start: prefix, end: before.length - suffix, text: after.slice(prefix, after.length - suffix) };
}

/** The change in length an edit makes. */
export function editDelta(edit: TextEdit): number {
  return edit.text.length - (edit.end - edit.start);
}

/**
 * Where a range of the old text lies in the new one. A range the edit does not touch keeps its
 * words (shifted when the edit is before it). A range the replaced text overlaps takes in the
 * new text: a corrected word inside a unit stays in the unit. An insertion at a range's edge
 * joins the range (a full stop typed after a unit's last word is the unit's). A range that lay
 * wholly inside deleted text comes out empty (start === end): the caller decides what that means.
 */
export function mapRange(edit: TextEdit, range: Range): Range {
  const { start: a, end: b } = edit;
  const d = editDelta(edit);
  const insertion = a === b;
  const before = range.end < a || (!insertion && range.end === a);
  if (before) return range;
  const after = range.start > b || (!insertion && range.start === b);
  if (after) return { start: range.start + d, end: range.end + d };
  const start = range.start < a ? range.start : a;
  const end = range.end > b ? range.end + d : a + edit.text.length;
  return { start, end };
}

/** Maps one offset (a caret, a split point): before the edit it stays, after it shifts, inside it goes to the end of the new text. */
export function mapOffset(edit: TextEdit, offset: number): number {
  if (offset <= edit.start) return offset;
  if (offset >= edit.end) return offset + editDelta(edit);
  return edit.start + edit.text.length;
}

/**
 * Ranges that must not overlap (meaning units, turns), mapped in order: an insertion between two
 * that touch goes to the earlier one, so they still do not overlap.
 */
export function mapOrderedRanges<T extends Range>(edit: TextEdit, ranges: readonly T[]): { readonly range: T; readonly mapped: Range }[] {
  const sorted = [...ranges].sort((x, y) => x.start - y.start);
  let floor = 0;
  return sorted.map((range) => {
    const m = mapRange(edit, range);
    const start = Math.max(m.start, floor);
    const end = Math.max(m.end, start);
    floor = Math.max(floor, end);
    return { range, mapped: { start, end } };
  });
}
