import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import { selectUnit, useWorkspace } from '../../state/workspace-store';
import { codingsByUnit, layoutTurns } from './transcript-layout';

export function TranscriptView() {
  const detail = useWorkspace((s) => s.detail);
  const unitId = useWorkspace((s) => s.unitId);
  const nodes = useWorkspace((s) => s.nodes);
  const coders = useWorkspace((s) => s.coders);
  const participants = useWorkspace((s) => s.participants);
  const scroller = useRef<HTMLDivElement>(null);

  const rows = useMemo(() => (detail ? layoutTurns(detail) : []), [detail]);
  const byUnit = useMemo(() => codingsByUnit(detail?.codings ?? []), [detail]);
  const nodeById = useMemo(() => new Map(nodes.map((n) => [n.id, n])), [nodes]);
  const coderById = useMemo(() => new Map(coders.map((c) => [c.id, c])), [coders]);
  const pseudonyms = useMemo(() => new Map(participants.map((p) => [p.id, p.pseudonym])), [participants]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 120,
    overscan: 6,
  });

  const selectedRow = useMemo(() => rows.findIndex((r) => r.pieces.some((p) => p.unit?.id === unitId)), [rows, unitId]);
  useEffect(() => {
    if (selectedRow >= 0) virtualizer.scrollToIndex(selectedRow, { align: 'auto' });
  }, [selectedRow, virtualizer]);

  if (!detail) return <p className="muted pad">Choose a document on the left.</p>;
  const text = detail.text;

  return (
    <div className="transcript" ref={scroller} aria-label={`Transcript of ${detail.document.title}`}>
      <div className="transcript-header">
        <h2>{detail.document.title}</h2>
        <span className="muted small">
          {detail.document.sessionName} · {detail.document.sessionDate ?? 'no date'} · {detail.turns.length} turns · {detail.units.length} meaning units
        </span>
      </div>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const { turn, pieces } = rows[item.index];
          return (
            <div
              key={turn.id}
              data-index={item.index}
              ref={virtualizer.measureElement}
              className={turn.isFacilitator ? 'turn facilitator' : 'turn'}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}
            >
              <div className="turn-meta">
                {turn.timestamp && <span className="timestamp">{turn.timestamp}</span>}
                <span className="speaker" title={turn.participantId ? pseudonyms.get(turn.participantId) : undefined}>
                  {turn.speakerLabel ?? '—'}
                </span>
              </div>
              <div className="turn-body">
                {pieces.map((piece) =>
                  piece.unit ? (
                    <div
                      key={piece.unit.id}
                      className={piece.unit.id === unitId ? 'unit selected' : 'unit'}
                      data-unit-id={piece.unit.id}
                      onClick={() => selectUnit(piece.unit!.id)}
                      role="button"
                      tabIndex={-1}
                    >
                      <div className="unit-text">{text.slice(piece.start, piece.end)}</div>
                      <div className="unit-condensed">{piece.unit.condensed || <span className="muted">—</span>}</div>
                      <div className="unit-codes">
                        {(byUnit.get(piece.unit.id) ?? []).map((c) => {
                          const node = nodeById.get(c.codeId);
                          const coder = coderById.get(c.coderId);
                          return (
                            <span
                              key={c.id}
                              className="chip"
                              style={{ borderColor: node?.colour, background: `${node?.colour ?? '#888888'}22` }}
                              title={`${node?.name ?? 'code'} — coded by ${coder?.name ?? 'unknown'}`}
                            >
                              {node?.name ?? '?'} <span className="chip-coder">{coder?.initials}</span>
                            </span>
                          );
                        })}
                      </div>
                    </div>
                  ) : (
                    <div key={`gap-${piece.start}`} className="gap-text">
                      {text.slice(piece.start, piece.end)}
                    </div>
                  ),
                )}
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
