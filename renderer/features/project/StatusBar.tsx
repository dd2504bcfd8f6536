import { useAppStore } from '../../state/app-store';
import { useEditConflict } from '../../state/edit-conflict';
import { countGroups } from '../../state/regroup';
import { useIdleValue } from '../../state/stable';
import { useCodingsByUnit, useWorkspace } from '../../state/workspace-store';
import { CollaborationStatus } from '../agreement/CollaborationStatus';
import { saveLabel } from './save-label';

export function StatusBar() {
  const project = useAppStore((s) => s.project)!;
  const saveState = useAppStore((s) => s.saveState);
  const banner = useAppStore((s) => s.error);
  const questionOpen = useEditConflict((s) => s.pending !== null);
  const coders = useWorkspace((s) => s.coders);
  const units = useWorkspace((s) => s.detail?.units.length);
  const coder = coders.find((c) => c.id === project.currentCoderId);
  // Counted once the page is idle: the chip a code draws comes first.
  const byUnit = useIdleValue(useCodingsByUnit());
  const coderId = project.currentCoderId;
  const coded = countGroups(byUnit, `coded by ${coderId}`, (list) => list.some((c) => c.coderId === coderId));

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
      {units !== undefined && (
        <span className="status-item">
          {coded} of {units} units coded by you in this document
        </span>
      )}
      <CollaborationStatus />
      <span className="spacer" />
      <span className="status-item">
        <span className={`save-state save-${saveState}`} aria-live="polite" data-testid="save-state">
          {saveLabel({ saveState, banner, questionOpen })}
        </span>
      </span>
    </footer>
  );
}
