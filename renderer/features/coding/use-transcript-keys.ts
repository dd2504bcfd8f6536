import { useEffect } from 'react';
import { typingIn } from '../../commands/registry';
import { useAppStore } from '../../state/app-store';
import { moveUnit, useWorkspace } from '../../state/workspace-store';
import { applyCodes, applyToSelection, selectedUnitIds } from './coding-actions';
import { useCoding } from './coding-store';


let extending = false;

// A plain move (click, J/K) drops the range; only Shift+J/K and Shift+click grow it.
useWorkspace.subscribe((s, prev) => {
  if (s.unitId === prev.unitId) return;
  if (!extending && useCoding.getState().anchorUnitId) useCoding.setState({ anchorUnitId: null });
  if (useCoding.getState().focus !== 'unit') useCoding.setState({ focus: 'unit' });
});

/** Grows the unit range by one unit up or down, anchored where it started. */
export function extendRange(delta: number): void {
  const { unitId } = useWorkspace.getState();
  if (!unitId) return;
  if (!useCoding.getState().anchorUnitId) useCoding.setState({ anchorUnitId: unitId });
  extending = true;
  try {
    moveUnit(delta);
  } finally {
    extending = false;
  }
}

export function selectRangeTo(unitId: string): void {
  const current = useWorkspace.getState().unitId;
  if (!useCoding.getState().anchorUnitId && current) useCoding.setState({ anchorUnitId: current });
  extending = true;
  try {
    useWorkspace.setState({ unitId });
  } finally {
    extending = false;
  }
}

/** Keys of the coding surface that are not menu commands: code shortcuts, ranges, Enter to condense, arrows. */
export function useTranscriptKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || typingIn(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (useAppStore.getState().view !== 'transcript' || document.querySelector('.overlay, [role="dialog"], [role="menu"]')) return;
      const key = e.key;
      if (e.shiftKey && (key === 'J' || key === 'ArrowDown')) extendRange(1);
      else if (e.shiftKey && (key === 'K' || key === 'ArrowUp')) extendRange(-1);
      else if (key === 'ArrowDown') moveUnit(1);
      else if (key === 'ArrowUp') moveUnit(-1);
      else if (key === 'Enter') {
        const unitId = useWorkspace.getState().unitId;
        if (!unitId) return;
        useCoding.setState({ editingUnitId: unitId });
      } else if (key === 'Escape') useCoding.setState({ anchorUnitId: null, selection: null });
      else if (!e.shiftKey && /^[0-9a-z]$/i.test(key)) {
        const code = useWorkspace.getState().nodes.find((n) => n.level === 'code' && n.shortcut?.toLowerCase() === key.toLowerCase());
        if (!code) return;
        const sel = useCoding.getState().selection;
        if (sel) void applyToSelection(sel, [code.id]);
        else void applyCodes([code.id], selectedUnitIds());
      } else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
