import { useEffect, useRef, useState } from 'react';
import { useWorkspace } from '../../state/workspace-store';
import { condense, openPicker } from './coding-actions';
import { useCoding } from './coding-store';

interface Props {
  readonly unitId: string;
  readonly initial: string;
  /** Where focus goes back to after editing (the transcript), so J/K keep working. */
  readonly onDone?: () => void;
}

/** Inline editor for a condensed meaning unit: Enter saves, Shift+Enter breaks a line, Tab saves and opens the code picker, Esc cancels. */
export function CondensationEditor({ unitId, initial, onDone }: Props) {
  const [value, setValue] = useState(initial);
  const ref = useRef<HTMLTextAreaElement>(null);
  const done = useRef(false);
  // The version the edit starts from: another window's edit meanwhile is caught when this one is saved.
  const version = useRef(useWorkspace.getState().detail?.units.find((u) => u.id === unitId)?.version ?? null);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);
  const finish = async (save: boolean, then?: () => void) => {
    if (done.current) return;
    done.current = true;
    useCoding.setState({ editingUnitId: null });
    if (save && value !== initial) await condense(unitId, value.trim(), version.current);
    onDone?.();
    then?.();
  };
  return (
    <textarea
      ref={ref}
      className="condensation-editor"
      aria-label="Condensed meaning unit"
      value={value}
      rows={Math.max(2, Math.ceil(value.length / 40))}
      placeholder="The unit’s meaning in fewer words…"
      onClick={(e) => e.stopPropagation()}
      onChange={(e) => setValue(e.target.value)}
      onBlur={() => void finish(true)}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Escape') void finish(false);
        else if (e.key === 'Enter' && !e.shiftKey) void finish(true);
        else if (e.key === 'Tab') void finish(true, openPicker);
        else return;
        e.preventDefault();
      }}
    />
  );
}
