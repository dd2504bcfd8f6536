import { useRef, useState } from 'react';
import type { MeaningUnit } from '../../../shared/api/entities';
import { attempt } from '../../state/app-store';
import { offsetFromPoint, rangesFor } from './dom-offsets';

type Edge = 'start' | 'end';

function highlightRegistry(): HighlightRegistry | null {
  const registry = (globalThis as { CSS?: { highlights?: HighlightRegistry } }).CSS?.highlights;
  return registry && typeof Highlight !== 'undefined' ? registry : null;
}

/**
 * Grips on a selected unit's first and last line: drag one onto the text to move that boundary.
 * While dragging, the unit's new extent is shown; on release it snaps to whole words.
 */
export function BoundaryHandles({ unit }: { unit: MeaningUnit }) {
  const [dragging, setDragging] = useState<Edge | null>(null);
  const target = useRef<number | null>(null);

  const begin = (edge: Edge) => (e: React.PointerEvent<HTMLSpanElement>) => {
    e.preventDefault();
    e.stopPropagation();
    const root = e.currentTarget.closest<HTMLElement>('.transcript');
    if (!root) return;
    setDragging(edge);
    target.current = null;
    const move = (ev: PointerEvent) => {
      const at = offsetFromPoint(root, ev.clientX, ev.clientY);
      if (at === null) return;
      target.current = at;
      const range = edge === 'start' ? { start: Math.min(at, unit.end - 1), end: unit.end } : { start: unit.start, end: Math.max(at, unit.start + 1) };
      highlightRegistry()?.set('unit-resize', new Highlight(...rangesFor(root, [range])));
    };
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      highlightRegistry()?.delete('unit-resize');
      setDragging(null);
      const at = target.current;
      if (at === null) return;
      const start = edge === 'start' ? at : unit.start;
      const end = edge === 'end' ? at : unit.end;
      if (end > start && (start !== unit.start || end !== unit.end)) void attempt('units.resize', { unitId: unit.id, start, end });
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };

  return (
    <>
      <span
        className={`boundary-handle start${dragging === 'start' ? ' dragging' : ''}`}
        role="separator"
        aria-label="Drag to move the start of the unit"
        title="Drag to move where the unit starts"
        onPointerDown={begin('start')}
        onClick={(e) => e.stopPropagation()}
      />
      <span
        className={`boundary-handle end${dragging === 'end' ? ' dragging' : ''}`}
        role="separator"
        aria-label="Drag to move the end of the unit"
        title="Drag to move where the unit ends"
        onPointerDown={begin('end')}
        onClick={(e) => e.stopPropagation()}
      />
    </>
  );
}
