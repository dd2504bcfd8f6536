import { inVivo, openPicker } from './coding-actions';
import { useCoding } from './coding-store';

/** Floats over selected words: make an in-vivo code of them, or code the passage. */
export function SelectionBar() {
  const selection = useCoding((s) => s.selection);
  if (!selection) return null;
  return (
    <div className="selection-bar" role="toolbar" aria-label="Selected words" style={{ left: selection.x, top: selection.y }} onMouseDown={(e) => e.preventDefault()}>
      <button type="button" onClick={() => void inVivo(selection)} title="The selected words become a new code (I)">
        In vivo
      </button>
      <button type="button" onClick={openPicker} title="Apply a code to just these words (A)">
        Code passage…
      </button>
      <button type="button" aria-label="Clear selection" onClick={() => useCoding.setState({ selection: null })}>
        ×
      </button>
    </div>
  );
}
