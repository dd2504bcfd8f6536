import { ratioStat, type Stat } from './result';
import { assertSpan, intersectionOverUnion, type Span } from './spans';

// MAXQDA-style segment agreement for one code: a segment counts as matched when the other coder
// has a segment overlapping it by at least the threshold (intersection / union). Both coders'
// segments are counted, so the result reads "k of n segments agree".

export interface SegmentMatching {
  readonly threshold: number;
  readonly segmentsA: number;
  readonly segmentsB: number;
  readonly matchedA: number;
  readonly matchedB: number;
  readonly matched: number;
  readonly total: number;
  readonly agreement: Stat;
}

export function matchSegments(a: readonly Span[], b: readonly Span[], threshold: number): SegmentMatching {
  if (!(threshold > 0 && threshold <= 1)) throw new RangeError(`threshold must be in (0, 1], got ${threshold}`);
  for (const span of [...a, ...b]) {
    assertSpan(span);
    if (span.end === span.start) throw new RangeError(`empty segment [${span.start},${span.end})`);
  }
  const matchedA = countMatched(a, b, threshold);
  const matchedB = countMatched(b, a, threshold);
  const matched = matchedA + matchedB;
  const total = a.length + b.length;
  return {
    threshold,
    segmentsA: a.length,
    segmentsB: b.length,
    matchedA,
    matchedB,
    matched,
    total,
    agreement: ratioStat(matched, total, 'neither coder has a segment of this code'),
  };
}

/** How many of `own` have a partner in `other`; a sweep by start keeps only overlapping candidates. */
function countMatched(own: readonly Span[], other: readonly Span[], threshold: number): number {
  const mine = [...own].sort(byStart);
  const theirs = [...other].sort(byStart);
  let active: Span[] = [];
  let next = 0;
  let matched = 0;
  for (const segment of mine) {
    while (next < theirs.length && theirs[next].start < segment.end) active.push(theirs[next++]);
    // Starts only grow, so a candidate that ends before this segment starts can never overlap again.
    active = active.filter((candidate) => candidate.end > segment.start);
    if (active.some((candidate) => intersectionOverUnion(segment, candidate) >= threshold)) matched += 1;
  }
  return matched;
}

function byStart(x: Span, y: Span): number {
  return x.start - y.start || x.end - y.end;
}
