import { useEffect, useState } from 'react';
import type { CommandDescriptor } from '../../shared/commands';
import type { HistoryState } from '../../shared/api/entities';
import { historyLabel } from '../features/project/history-label';
import { callQuietly, useAppStore } from '../state/app-store';

/**
 * A command's label as a menu or the palette shows it when it opens: Undo and Redo name the user's
 * step they would take back (never an automatic one), which after reopening may be from an earlier session.
 */
export function useCommandLabel(): (command: CommandDescriptor) => string {
  const hasProject = useAppStore((s) => s.project !== null);
  const [history, setHistory] = useState<HistoryState | null>(null);
  useEffect(() => {
    if (!hasProject) return;
    let current = true;
    void callQuietly('history.state', {}).then((h) => current && setHistory(h));
    return () => {
      current = false;
    };
  }, [hasProject]);
  return (c) => {
    if (c.id === 'history.undo' && history?.undoLabel) return historyLabel('undo', { summary: history.undoLabel, earlierAt: history.undoEarlierAt });
    if (c.id === 'history.redo' && history?.redoLabel) return historyLabel('redo', { summary: history.redoLabel, earlierAt: history.redoEarlierAt });
    return c.label;
  };
}
