import { useDeferredValue, useMemo } from 'react';
import { useAppStore } from '../../state/app-store';
import { useWorkspace } from '../../state/workspace-store';
import { CollaborationStatus } from '../agreement/CollaborationStatus';

const SAVE_LABELS = { saved: 'Saved', saving: 'Saving…', failed: 'Not saved — see the message above' } as const;

export function StatusBar() {
  const project = useAppStore((s) => s.project)!;
  const saveState = useAppStore((s) => s.saveState);
  const coders = useWorkspace((s) => s.coders);
  const detail = useWorkspace((s) => s.detail);
  const coder = coders.find((c) => c.id === project.currentCoderId);
  // Counted after the transcript has drawn a new chip, not before.
  const codings = useDeferredValue(detail?.codings);
  const coderId = project.currentCoderId;
  const coded = useMemo(() => new Set(codings?.filter((c) => c.coderId === coderId && c.unitId).map((c) => c.unitId)).size, [codings, coderId]);

  return (
    <footer className="status-bar">
      <button type="button" className="status-item" onClick={() => useAppStore.setState({ dialog: 'coder' })} title="Switch coder">
        {coder ? (
          <>
            <span className="swatch" style={{ background: coder.colour }} /> Coder: {coder.name}
          </>
        ) : (
          'Choose who is coding'
        )}
      </button>
      {project.settings.blind && <span className="status-item">Blind coding</span>}
      {detail && (
        <span className="status-item">
          {coded} of {detail.units.length} units coded by you in this document
        </span>
      )}
      <CollaborationStatus />
      <span className="spacer" />
      <span className={`status-item save-${saveState}`} aria-live="polite" data-testid="save-state">
        {SAVE_LABELS[saveState]}
      </span>
    </footer>
  );
}
