/** A half-open range [start, end) of UTF-16 code units in a document. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export function assertSpan(span: Span, length?: number): void {
  const { start, end } = span;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start) {
    throw new RangeError(`invalid span [${start},${end})`);
  }
  if (length !== undefined && end > length) {
    throw new RangeError(`span [${start},${end}) lies outside a document of length ${length}`);
  }
}

/** Sorted, disjoint, non-adjacent spans covering the same characters; empty spans vanish. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((x, y) => x.start - y.start);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) {
      if (span.end > last.end) merged[merged.length - 1] = { start: last.start, end: span.end };
    } else {
      merged.push({ start: span.start, end: span.end });
    }
  }
  return merged;
}

export function coveredLength(merged: readonly Span[]): number {
  return merged.reduce((s, span) => s + span.end - span.start, 0);
}

/** Characters covered by both lists; both must already be merged (sorted and disjoint). */
export function overlapLength(a: readonly Span[], b: readonly Span[]): number {
  let total = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    total += Math.max(0, Math.min(a[i].end, b[j].end) - Math.max(a[i].start, b[j].start));
    if (a[i].end <= b[j].end) i += 1;
    else j += 1;
  }
  return total;
}

export function intersectionOverUnion(a: Span, b: Span): number {
  const intersection = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  const union = a.end - a.start + (b.end - b.start) - intersection;
  return union === 0 ? 0 : intersection / union;
}
