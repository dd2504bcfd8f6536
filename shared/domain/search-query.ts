// Turns what a researcher types into an FTS5 query that cannot fail to parse: every word or
// "quoted phrase" becomes a quoted FTS5 string (all must match); a trailing * keeps prefix search;
// OR between two terms is kept.
export function toFtsQuery(input: string): string | null {
  const terms: string[] = [];
  const pattern = /"([^"]*)"(\*?)|(\S+)/g;
  for (let m = pattern.exec(input); m; m = pattern.exec(input)) {
    if (m[3] === 'OR') {
      if (terms.length > 0 && terms[terms.length - 1] !== 'OR') terms.push('OR');
      continue;
    }
    const raw = m[1] ?? m[3];
    const prefix = m[2] === '*' || (m[3] !== undefined && m[3].endsWith('*'));
    const words = raw.replace(/\*+$/, '').replace(/"/g, ' ').trim();
    // Words with no letters or digits (punctuation) would match nothing; drop them.
    if (!/[\p{L}\p{N}]/u.test(words)) continue;
    terms.push(`"${words}"${prefix ? '*' : ''}`);
  }
  while (terms[terms.length - 1] === 'OR') terms.pop();
  return terms.length > 0 ? terms.join(' ') : null;
}

/** Markers the index puts around matched words; control characters that transcripts do not hold. */
export const MARK_OPEN = '\u0001';
export const MARK_CLOSE = '\u0002';

export interface MarkedText {
  readonly text: string;
  readonly marks: readonly (readonly [number, number])[];
}

/** Takes the markers out of highlighted text and returns the plain text with the marked ranges. */
export function parseMarked(marked: string): MarkedText {
  let text = '';
  const marks: [number, number][] = [];
  let open = -1;
  let from = 0;
  for (let i = 0; i < marked.length; i += 1) {
    const ch = marked[i];
    if (ch !== MARK_OPEN && ch !== MARK_CLOSE) continue;
    text += marked.slice(from, i);
    from = i + 1;
    if (ch === MARK_OPEN) open = text.length;
    else if (open >= 0) {
      if (text.length > open) marks.push([open, text.length]);
      open = -1;
    }
  }
  text += marked.slice(from);
  return { text, marks };
}

/** A window of about `radius` characters either side of a range, cut at spaces, with its marks. */
export function excerptAround(text: string, marks: readonly (readonly [number, number])[], start: number, end: number, radius = 60): MarkedText {
  let from = Math.max(0, start - radius);
  let to = Math.min(text.length, end + radius);
  if (from > 0) {
    const space = text.indexOf(' ', from);
    if (space >= 0 && space < start) from = space + 1;
  }
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    if (space > end) to = space;
  }
  const lead = from > 0 ? '…' : '';
  const tail = to < text.length ? '…' : '';
  const shift = lead.length - from;
  const inside = marks
    .filter(([a, b]) => a < to && b > from)
    .map(([a, b]) => [Math.max(a, from) + shift, Math.min(b, to) + shift] as const);
  return { text: `${lead}${text.slice(from, to).replace(/\s/g, ' ')}${tail}`, marks: inside };
}
