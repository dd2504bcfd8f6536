// Text in the transcript sits in elements with `data-start` (their offset in the document), so a
// DOM position (a caret, a point under the mouse) turns back into a document offset.

/** The document offset of a DOM position inside the transcript, or null outside any text block. */
export function offsetAt(root: HTMLElement, node: Node, offset: number): number | null {
  const el = (node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as HTMLElement))?.closest<HTMLElement>('[data-start]');
  if (!el || !root.contains(el)) return null;
  if (node.nodeType === Node.TEXT_NODE) return Number(el.dataset.start) + offset;
  let n = 0;
  for (let i = 0; i < offset && i < node.childNodes.length; i += 1) n += node.childNodes[i].textContent?.length ?? 0;
  return Number(el.dataset.start) + n;
}

/** Where the caret is (a collapsed selection, as a click leaves it), as a document offset. */
export function caretOffset(root: HTMLElement): number | null {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0) return null;
  const range = sel.getRangeAt(0);
  return offsetAt(root, range.endContainer, range.endOffset);
}

/** The document offset under a point of the screen (for dragging a unit's boundary). */
export function offsetFromPoint(root: HTMLElement, x: number, y: number): number | null {
  const range = document.caretRangeFromPoint?.(x, y);
  return range ? offsetAt(root, range.startContainer, range.startOffset) : null;
}

/** Ranges covering [start, end) in the rendered text blocks (for highlighting without touching the DOM). */
export function rangesFor(root: HTMLElement, spans: readonly { readonly start: number; readonly end: number }[]): Range[] {
  if (spans.length === 0) return [];
  const ranges: Range[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const host = node.parentElement;
    if (!host?.dataset.start || host.closest('textarea, input')) continue;
    const from = Number(host.dataset.start);
    const to = from + (node.textContent?.length ?? 0);
    for (const s of overlapping(spans, from, to)) {
      const r = document.createRange();
      r.setStart(node, Math.max(s.start, from) - from);
      r.setEnd(node, Math.min(s.end, to) - from);
      ranges.push(r);
    }
  }
  return ranges;
}

// Spans are sorted by start: binary search for the first that may overlap.
function overlapping<T extends { readonly start: number; readonly end: number }>(spans: readonly T[], from: number, to: number): T[] {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].end <= from) lo = mid + 1;
    else hi = mid;
  }
  const out: T[] = [];
  for (let i = lo; i < spans.length && spans[i].start < to; i += 1) out.push(spans[i]);
  return out;
}
