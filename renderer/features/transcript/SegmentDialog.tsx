import { useEffect, useState } from 'react';
import type { SegmentChoice } from '../../../shared/api/methods/import';
import type { SegmentPlan } from '../../../shared/api/methods/units';
import { Dialog } from '../../components/Dialog';
import { attempt } from '../../state/app-store';
import { useWorkspace } from '../../state/workspace-store';
import { useTranscript } from './transcript-store';

const MODES: readonly (readonly [SegmentChoice, string])[] = [
  ['sentence', 'By sentence'],
  ['turn', 'By speaker turn'],
  ['paragraph', 'By paragraph'],
  ['none', 'No units (mark them by hand)'],
];

const close = () => useTranscript.setState({ segmentOpen: false });

/** Re-segments the open document; says first what would happen to units, condensations and codings. */
export function SegmentDialog() {
  const detail = useWorkspace((s) => s.detail);
  const [mode, setMode] = useState<SegmentChoice>('sentence');
  const [facilitators, setFacilitators] = useState(false);
  const [plan, setPlan] = useState<SegmentPlan | null>(null);
  const documentId = detail?.document.id ?? null;

  useEffect(() => {
    setPlan(null);
    if (documentId) void attempt('units.planSegment', { documentId, mode, unitsInFacilitatorTurns: facilitators }).then(setPlan);
  }, [documentId, mode, facilitators]);

  if (!detail) return null;
  const loses = plan ? plan.codingsDropped + plan.condensationsDropped : 0;
  const apply = async () => {
    if (await attempt('units.segment', { documentId: detail.document.id, mode, unitsInFacilitatorTurns: facilitators })) close();
  };
  return (
    <Dialog title="Split the document into meaning units" onClose={close}>
      <p className="muted small">{detail.document.title}: {detail.units.length} meaning units now.</p>
      <label>
        Split
        <select aria-label="Split" value={mode} onChange={(e) => setMode(e.target.value as SegmentChoice)}>
          {MODES.map(([m, label]) => (
            <option key={m} value={m}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="inline">
        <input type="checkbox" checked={facilitators} onChange={(e) => setFacilitators(e.target.checked)} /> Also make units of facilitators’ turns
      </label>
      {plan && (
        <p className={loses > 0 ? 'warning' : 'small'} role="status">
          {plan.units} meaning units; {plan.unitsKept} stay as they are.
          {plan.codings > 0 && ` ${plan.codingsKept} of ${plan.codings} codings are kept`}
          {plan.codingsDropped > 0 && `, ${plan.codingsDropped} are dropped with their units`}
          {plan.codings > 0 && '.'}
          {plan.condensationsDropped > 0 && ` ${plan.condensationsDropped} condensations are dropped.`} Undo brings everything back.
        </p>
      )}
      <div className="dialog-buttons">
        <button type="button" onClick={close}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={!plan} onClick={() => void apply()}>
          {loses > 0 ? 'Split anyway' : 'Split'}
        </button>
      </div>
    </Dialog>
  );
}
