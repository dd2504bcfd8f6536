import { useEffect } from 'react';
import { DOCUMENT_KIND_LABELS } from '../../../shared/domain/vocabulary';
import { useWorkspace } from '../../state/workspace-store';
import { useCoding } from '../coding/coding-store';
import { FindBar } from './FindBar';
import type { DocumentLayout } from './transcript-layout';
import { useTranscript } from './transcript-store';
import { handleUnitKeys, makeUnitFromSelection, mergeWithNext, openFind, splitAtCaret } from './unit-actions';

// Tool buttons must not take the text selection or the caret away from the transcript.
const keepSelection = (e: React.MouseEvent) => e.preventDefault();

/** The document's title and session, the unit tools (make, split, merge, re-segment) and find. */
export function TranscriptHeader({ detail }: { detail: DocumentLayout }) {
  const unitId = useWorkspace((s) => s.unitId);
  const hasSelection = useCoding((s) => s.selection !== null);
  const findOpen = useTranscript((s) => s.findOpen);
  const d = detail.document;

  useEffect(() => {
    window.addEventListener('keydown', handleUnitKeys);
    return () => window.removeEventListener('keydown', handleUnitKeys);
  }, []);

  const session = [d.reference ? `ref. ${d.reference}` : '', DOCUMENT_KIND_LABELS[d.kind], d.sessionName, d.sessionDate, d.durationMinutes ? `${d.durationMinutes} min` : '', d.facilitator ? `facilitator ${d.facilitator}` : '']
    .filter(Boolean)
    .join(' · ');
  return (
    <div className="transcript-header">
      <div className="transcript-title">
        <h2>{d.title}</h2>
        <span className="muted small">
          {session} · {detail.turns.length} turns · {detail.units.length} meaning units
        </span>
      </div>
      <div className="transcript-tools" role="toolbar" aria-label="Meaning units">
        <button type="button" onMouseDown={keepSelection} disabled={!hasSelection} onClick={() => void makeUnitFromSelection()} title="Make a meaning unit of the selected words (U)">
          Make unit
        </button>
        <button type="button" onMouseDown={keepSelection} disabled={!unitId} onClick={() => void splitAtCaret()} title="Click in a unit’s text, then split it there (S)">
          Split
        </button>
        <button type="button" onMouseDown={keepSelection} disabled={!unitId} onClick={() => void mergeWithNext()} title="Merge the selected unit with the next (Shift+M)">
          Merge with next
        </button>
        <button type="button" onClick={() => useTranscript.setState({ segmentOpen: true })} title="Split the whole document by sentence, turn or paragraph">
          Units…
        </button>
        <button type="button" onClick={openFind} title="Find in this document (Ctrl/Cmd+F)">
          Find
        </button>
        <button type="button" onClick={() => useCoding.setState({ memo: { targetType: 'document', targetId: d.id, label: d.title } })} title="Write a memo on this document">
          Memo…
        </button>
      </div>
      {findOpen && <FindBar />}
    </div>
  );
}
