import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import { useAppStore } from '../../state/app-store';
import { selectUnit, useWorkspace } from '../../state/workspace-store';
import { applyCodes } from '../coding/coding-actions';
import { useCoding } from '../coding/coding-store';
import { CODE_DRAG_TYPE, CodeRail } from '../coding/CodeRail';
import { CondensationEditor } from '../coding/CondensationEditor';
import { SelectionBar } from '../coding/SelectionBar';
import { selectionOffsets, SpanText } from '../coding/SpanText';
import { CodeMargin, UnitCodes } from '../coding/UnitCodes';
import { selectRangeTo, useTranscriptKeys } from '../coding/use-transcript-keys';
import { BoundaryHandles } from './BoundaryHandles';
import { codingsByUnit, estimateRowHeight, layoutTurns } from './transcript-layout';
import { TranscriptHeader } from './TranscriptHeader';
import { TurnMeta } from './TurnMeta';
import { useScrollRequests } from './use-scroll-requests';
import { useShownCodings } from '../agreement/coder-view-store';

export function TranscriptView() {
  const detail = useWorkspace((s) => s.detail);
  const unitId = useWorkspace((s) => s.unitId);
  const nodes = useWorkspace((s) => s.nodes);
  const coders = useWorkspace((s) => s.coders);
  const scroller = useRef<HTMLDivElement>(null);
  const currentCoderId = useAppStore((s) => s.project?.currentCoderId ?? null);
  const anchorUnitId = useCoding((s) => s.anchorUnitId);
  const editingUnitId = useCoding((s) => s.editingUnitId);
  useTranscriptKeys();

  // Coding replaces only the codings of `detail`: the layout of turns and units stays as it was.
  const rows = useMemo(() => (detail ? layoutTurns(detail) : []), [detail?.text, detail?.turns, detail?.units]);
  // The status bar's view switch: everyone's own codings, the consensus, or one coder's.
  const shown = useShownCodings(detail?.codings);
  const byUnit = useMemo(() => codingsByUnit(shown), [shown]);
  const nodeById = useMemo(() => new Map(nodes.map((n) => [n.id, n])), [nodes]);
  const coderById = useMemo(() => new Map(coders.map((c) => [c.id, c])), [coders]);
  const spans = useMemo(() => shown.filter((c) => c.unitId === null && c.start !== null), [shown]);
  const inRange = useMemo(() => {
    if (!detail || !anchorUnitId || !unitId) return new Set<string>();
    const a = detail.units.findIndex((u) => u.id === anchorUnitId);
    const b = detail.units.findIndex((u) => u.id === unitId);
    return new Set(detail.units.slice(Math.min(a, b), Math.max(a, b) + 1).map((u) => u.id));
  }, [detail, anchorUnitId, unitId]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => estimateRowHeight(rows[i]),
    overscan: 6,
  });

  useScrollRequests(virtualizer, rows);

  const selectedRow = useMemo(() => rows.findIndex((r) => r.pieces.some((p) => p.unit?.id === unitId)), [rows, unitId]);
  useEffect(() => {
    if (selectedRow >= 0) virtualizer.scrollToIndex(selectedRow, { align: 'auto' });
  }, [selectedRow, virtualizer]);

  if (!detail) return <p className="muted pad">Choose a document on the left.</p>;
  const text = detail.text;
  const documentId = detail.document.id;

  const onMouseUp = () => {
    const root = scroller.current;
    const found = root ? selectionOffsets(root) : null;
    useCoding.setState({
      selection: found ? { documentId, start: found.start, end: found.end, text: found.text, x: found.rect.left, y: Math.max(0, found.rect.top - 36) } : null,
    });
  };

  return (
    <div className="transcript-layout">
    <div className="transcript" ref={scroller} aria-label={`Transcript of ${detail.document.title}`} onMouseUp={onMouseUp}>
      <TranscriptHeader detail={detail} />
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const { turn, pieces, first, key } = rows[item.index];
          return (
            <div
              key={key}
              data-index={item.index}
              ref={virtualizer.measureElement}
              className={`turn${turn.isFacilitator ? ' facilitator' : ''}${first ? '' : ' continued'}`}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}
            >
              <TurnMeta turn={turn} first={first} />
              <div className="turn-body">
                {pieces.map((piece) =>
                  piece.unit ? (
                    <div
                      key={piece.unit.id}
                      className={`unit${piece.unit.id === unitId ? ' selected' : ''}${inRange.has(piece.unit.id) ? ' in-range' : ''}`}
                      data-unit-id={piece.unit.id}
                      onMouseDown={(e) => {
                        // Shift+click grows the unit range; without this the browser would grow a text selection.
                        if (e.shiftKey) e.preventDefault();
                      }}
                      onClick={(e) => {
                        if (!e.shiftKey && window.getSelection()?.isCollapsed === false) return;
                        if (e.shiftKey) selectRangeTo(piece.unit!.id);
                        else selectUnit(piece.unit!.id);
                        useCoding.setState({ focus: 'unit' });
                      }}
                      onDragOver={(e) => {
                        if (!e.dataTransfer.types.includes(CODE_DRAG_TYPE)) return;
                        e.preventDefault();
                        e.dataTransfer.dropEffect = 'copy';
                        e.currentTarget.classList.add('drop-target');
                      }}
                      onDragLeave={(e) => e.currentTarget.classList.remove('drop-target')}
                      onDrop={(e) => {
                        e.currentTarget.classList.remove('drop-target');
                        const codeId = e.dataTransfer.getData(CODE_DRAG_TYPE);
                        if (!codeId) return;
                        e.preventDefault();
                        // Dropping on a unit of the selected range codes the whole range.
                        const targets = inRange.has(piece.unit!.id) ? [...inRange] : [piece.unit!.id];
                        void applyCodes([codeId], targets);
                      }}
                      role="button"
                      tabIndex={-1}
                    >
                      <CodeMargin codings={byUnit.get(piece.unit.id) ?? []} nodeById={nodeById} />
                      <SpanText className="unit-text" text={text.slice(piece.start, piece.end)} start={piece.start} spans={spans} nodeById={nodeById} />
                      <div
                        className="unit-condensed"
                        onDoubleClick={(e) => {
                          e.stopPropagation();
                          selectUnit(piece.unit!.id);
                          useCoding.setState({ editingUnitId: piece.unit!.id });
                        }}
                      >
                        {editingUnitId === piece.unit.id ? (
                          <CondensationEditor unitId={piece.unit.id} initial={piece.unit.condensed} onDone={() => scroller.current?.focus()} />
                        ) : (
                          piece.unit.condensed || <span className="muted">—</span>
                        )}
                      </div>
                      <UnitCodes codings={byUnit.get(piece.unit.id) ?? []} nodeById={nodeById} coderById={coderById} currentCoderId={currentCoderId} />
                      {piece.unit.id === unitId && <BoundaryHandles unit={piece.unit} />}
                    </div>
                  ) : (
                    <SpanText key={`gap-${piece.start}`} className="gap-text" text={text.slice(piece.start, piece.end)} start={piece.start} spans={spans} nodeById={nodeById} />
                  ),
                )}
              </div>
            </div>
          );
        })}
      </div>
    </div>
    <SelectionBar />
    <CodeRail />
    </div>
  );
}
