import type { CodebookNode, Coding } from '../../../shared/api/entities';

interface Props {
  readonly text: string;
  /** Offset of `text` in the document. */
  readonly start: number;
  readonly spans: readonly Coding[];
  readonly nodeById: ReadonlyMap<string, CodebookNode>;
  readonly className: string;
}

/**
 * Text with its coded passages highlighted; overlapping passages split the text at every boundary
 * so each stretch shows all its codes. `data-start` lets a selection be turned back into offsets.
 */
export function SpanText({ text, start, spans, nodeById, className }: Props) {
  const end = start + text.length;
  const inside = spans.filter((s) => s.start! < end && s.end! > start);
  if (inside.length === 0) {
    return (
      <div className={className} data-start={start}>
        {text}
      </div>
    );
  }
  const cuts = [...new Set([start, end, ...inside.flatMap((s) => [Math.max(start, s.start!), Math.min(end, s.end!)])])].sort((a, b) => a - b);
  const pieces = cuts.slice(0, -1).map((from, i) => ({ from, to: cuts[i + 1], codes: inside.filter((s) => s.start! <= from && s.end! >= cuts[i + 1]) }));
  return (
    <div className={className} data-start={start}>
      {pieces.map((p) => {
        const piece = text.slice(p.from - start, p.to - start);
        if (p.codes.length === 0) {
          return (
            <span key={p.from} data-start={p.from}>
              {piece}
            </span>
          );
        }
        const colours = p.codes.map((c) => nodeById.get(c.codeId)?.colour ?? '#888888');
        return (
          <mark
            key={p.from}
            data-start={p.from}
            className="span-coded"
            style={{ background: `${colours[0]}33`, boxShadow: colours.map((c, i) => `inset 0 -${2 * (i + 1)}px 0 ${c}`).join(', ') }}
            title={p.codes.map((c) => nodeById.get(c.codeId)?.name ?? 'code').join(', ')}
          >
            {piece}
          </mark>
        );
      })}
    </div>
  );
}

/** Turns the browser's text selection inside the transcript into document offsets, when it lies in one text block. */
export function selectionOffsets(root: HTMLElement): { start: number; end: number; text: string; rect: DOMRect } | null {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const range = sel.getRangeAt(0);
  const at = (node: Node, offset: number): number | null => {
    const el = (node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as HTMLElement))?.closest<HTMLElement>('[data-start]');
    if (!el || !root.contains(el)) return null;
    // Offsets inside an element with children: count the text before the offset.
    if (node.nodeType !== Node.TEXT_NODE) {
      let n = 0;
      for (let i = 0; i < offset && i < node.childNodes.length; i += 1) n += node.childNodes[i].textContent?.length ?? 0;
      return Number(el.dataset.start) + n;
    }
    return Number(el.dataset.start) + offset;
  };
  const a = at(range.startContainer, range.startOffset);
  const b = at(range.endContainer, range.endOffset);
  if (a === null || b === null || b <= a) return null;
  return { start: a, end: b, text: range.toString(), rect: range.getBoundingClientRect() };
}
