import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useMemo, useRef } from 'react';
import type { Coder, CodebookNode, Coding } from '../../../shared/api/entities';
import { paragraphDirection } from '../../../shared/text/direction';
import { useAppStore } from '../../state/app-store';
import { useShallow } from '../../state/create-store';
import { useStable } from '../../state/stable';
import { useWorkspace } from '../../state/workspace-store';
import { EmptyState } from '../../components/EmptyState';
import { useCoding } from '../coding/coding-store';
import { CodeRail } from '../coding/CodeRail';
import { SelectionBar } from '../coding/SelectionBar';
import { selectionOffsets, SpanText } from '../coding/SpanText';
import { useTranscriptKeys } from '../coding/use-transcript-keys';
import { useShownSpans } from '../agreement/coder-view-store';
import { estimateRowHeight, layoutTurns, type TurnRow } from './transcript-layout';
import { TranscriptHeader } from './TranscriptHeader';
import { TurnMeta } from './TurnMeta';
import { UnitBlock } from './UnitBlock';
import { useScrollRequests } from './use-scroll-requests';
import { trackTranscriptCaret } from './turn-repair';
import { MediaBar } from './MediaBar';
import { setTurnTimes, useMedia } from './media-store';

const NO_RANGE: ReadonlySet<string> = new Set();
const GapText = memo(SpanText);

/** The codebook as the transcript draws it: a count changing elsewhere does not redraw the units. */
function sameLook(a: ReadonlyMap<string, CodebookNode>, b: ReadonlyMap<string, CodebookNode>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, n] of b) {
    const m = a.get(id);
    if (!m || m.name !== n.name || m.colour !== n.colour) return false;
  }
  return true;
}

interface RowProps {
  readonly row: TurnRow;
  readonly index: number;
  readonly measure: (el: HTMLElement | null) => void;
  readonly text: string;
  readonly spans: readonly Coding[];
  readonly nodeById: ReadonlyMap<string, CodebookNode>;
  readonly coderById: ReadonlyMap<string, Coder>;
  readonly currentCoderId: string | null;
  readonly unitId: string | null;
  readonly inRange: ReadonlySet<string>;
  readonly editingUnitId: string | null;
  readonly onEdited: () => void;
  /** The recording is at this turn (highlighted). */
  readonly playing: boolean;
}

const PER_UNIT: ReadonlySet<keyof RowProps> = new Set(['unitId', 'inRange', 'editingUnitId']);

/**
 * A row redraws only when something of its own changed: its units' selection or editing. A
 * unit's codings are its own to watch (`UnitBlock`): coding a unit redraws that unit alone.
 */
function sameRow(a: RowProps, b: RowProps): boolean {
  for (const key of Object.keys(b) as (keyof RowProps)[]) if (!PER_UNIT.has(key) && a[key] !== b[key]) return false;
  return b.row.pieces.every(({ unit }) => {
    if (!unit) return true;
    const id = unit.id;
    return (
      (a.unitId === id) === (b.unitId === id) &&
      a.inRange.has(id) === b.inRange.has(id) &&
      (a.editingUnitId === id) === (b.editingUnitId === id)
    );
  });
}

/** One row of the virtual list: a turn (or a stretch of a long one) with its meaning units. */
const TranscriptRow = memo(function TranscriptRow(props: RowProps) {
  const { row, index, measure, text, unitId, inRange, editingUnitId, playing } = props;
  const { turn, pieces, first } = row;
  // A Persian, Arabic or Hebrew turn runs right to left: speaker, text and units mirrored.
  const dir = paragraphDirection(text.slice(turn.start, Math.min(turn.end, turn.start + 400))) === 'rtl' ? 'rtl' : undefined;
  return (
    <div
      data-index={index}
      ref={measure}
      dir={dir}
      className={`turn${turn.isFacilitator ? ' facilitator' : ''}${turn.notSpeech ? ' not-speech' : ''}${first ? '' : ' continued'}${playing ? ' playing' : ''}`}
      aria-current={playing && first ? 'true' : undefined}
      style={{ position: 'absolute', left: 0, right: 0 }}
    >
      <TurnMeta turn={turn} first={first} />
      <div className="turn-body">
        {pieces.map((piece) =>
          piece.unit ? (
            <UnitBlock
              key={piece.unit.id}
              unit={piece.unit}
              start={piece.start}
              text={text.slice(piece.start, piece.end)}
              spans={props.spans}
              nodeById={props.nodeById}
              coderById={props.coderById}
              currentCoderId={props.currentCoderId}
              selected={piece.unit.id === unitId}
              inRange={inRange.has(piece.unit.id)}
              editing={editingUnitId === piece.unit.id}
              onEdited={props.onEdited}
            />
          ) : (
            <GapText key={`gap-${piece.start}`} className="gap-text" text={text.slice(piece.start, piece.end)} start={piece.start} spans={props.spans} nodeById={props.nodeById} />
          ),
        )}
      </div>
    </div>
  );
}, sameRow);

export function TranscriptView() {
  // The text, turns and units: a coding changes none of them, so it does not redraw the transcript.
  const detail = useWorkspace(useShallow((s) => (s.detail ? { document: s.detail.document, text: s.detail.text, turns: s.detail.turns, units: s.detail.units } : null)));
  const unitId = useWorkspace((s) => s.unitId);
  const nodes = useWorkspace((s) => s.nodes);
  const coders = useWorkspace((s) => s.coders);
  const scroller = useRef<HTMLDivElement>(null);
  const currentCoderId = useAppStore((s) => s.project?.currentCoderId ?? null);
  const anchorUnitId = useCoding((s) => s.anchorUnitId);
  const editingUnitId = useCoding((s) => s.editingUnitId);
  useTranscriptKeys();
  useEffect(trackTranscriptCaret, []);

  const rows = useMemo(() => (detail ? layoutTurns(detail) : []), [detail?.text, detail?.turns, detail?.units]);
  const nodeById = useStable(
    useMemo(() => new Map(nodes.map((n) => [n.id, n])), [nodes]),
    sameLook,
  );
  const coderById = useMemo(() => new Map(coders.map((c) => [c.id, c])), [coders]);
  // Coded free passages, as the status bar's view (everyone's, the consensus, one coder's) shows them.
  const spans = useShownSpans();
  const focusTranscript = useCallback(() => scroller.current?.focus(), []);
  const units = detail?.units;
  const inRange = useMemo<ReadonlySet<string>>(() => {
    if (!units || !anchorUnitId || !unitId) return NO_RANGE;
    const a = units.findIndex((u) => u.id === anchorUnitId);
    const b = units.findIndex((u) => u.id === unitId);
    return new Set(units.slice(Math.min(a, b), Math.max(a, b) + 1).map((u) => u.id));
  }, [units, anchorUnitId, unitId]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => estimateRowHeight(rows[i]),
    // Measured heights follow the row, not its index: a split or merged turn moves the rows after it.
    getItemKey: (i) => rows[i]?.key ?? i,
    overscan: 6,
    // The virtual list places rows itself (their `top`, and the list's height): a row growing by a
    // chip moves the rows below it without redrawing any of them.
    directDomUpdates: true,
    directDomUpdatesMode: 'position',
  });

  useScrollRequests(virtualizer, rows);

  // The recording's turn times follow the turns (a repair moves them) and its length once known.
  const durationMs = useMedia((s) => s.durationMs);
  const mediaDocument = useMedia((s) => s.documentId);
  useEffect(() => {
    if (detail) setTurnTimes(detail.turns, detail.text.length);
  }, [detail?.turns, detail?.text, durationMs, mediaDocument]);
  const playingTurnId = useMedia((s) => s.playingTurnId);
  const isPlaying = useMedia((s) => s.playing);
  const playingRow = useMemo(() => (playingTurnId === null ? -1 : rows.findIndex((r) => r.turn.id === playingTurnId)), [rows, playingTurnId]);
  // While it plays, the turn being heard stays in view.
  useEffect(() => {
    if (isPlaying && playingRow >= 0) virtualizer.scrollToIndex(playingRow, { align: 'auto' });
  }, [isPlaying, playingRow, virtualizer]);

  const selectedRow = useMemo(() => rows.findIndex((r) => r.pieces.some((p) => p.unit?.id === unitId)), [rows, unitId]);
  useEffect(() => {
    if (selectedRow >= 0) virtualizer.scrollToIndex(selectedRow, { align: 'auto' });
  }, [selectedRow, virtualizer]);

  if (!detail) return <NoDocument />;
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
    <div className="transcript-cell">
    <MediaBar documentId={documentId} />
    <div className="transcript" ref={scroller} aria-label={`Transcript of ${detail.document.title}`} onMouseUp={onMouseUp}>
      <TranscriptHeader detail={detail} />
      <div ref={virtualizer.containerRef} style={{ position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => (
          <TranscriptRow
            key={rows[item.index].key}
            row={rows[item.index]}
            index={item.index}
            measure={virtualizer.measureElement}
            text={detail.text}
            spans={spans}
            nodeById={nodeById}
            coderById={coderById}
            currentCoderId={currentCoderId}
            unitId={unitId}
            inRange={inRange}
            editingUnitId={editingUnitId}
            onEdited={focusTranscript}
            playing={playingTurnId !== null && rows[item.index].turn.id === playingTurnId}
          />
        ))}
      </div>
    </div>
    </div>
    <SelectionBar />
    <CodeRail />
    </div>
  );
}

/** No transcript on screen: choose one, or, in a study without any, import one. */
function NoDocument() {
  const none = useWorkspace((s) => s.documents.length === 0);
  if (none) return <EmptyState commands={['document.import']}>No transcripts yet: import one to read, split and code it.</EmptyState>;
  return <p className="muted pad">Choose a document on the left.</p>;
}
