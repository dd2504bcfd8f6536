import { useEffect, useMemo, useRef, useState } from 'react';
import { actions, shortcutLabel } from '../commands/registry';
import { callQuietly, useAppStore } from '../state/app-store';
import { fuzzyScore } from '../../shared/domain/fuzzy';
import type { HistoryState } from '../../shared/api/entities';
import { historyLabel } from '../features/project/history-label';

/** Undo and Redo name the step they would take back, which after reopening may be from an earlier session. */
function shownLabel(id: string, label: string, history: HistoryState | null): string {
  if (id === 'history.undo' && history?.undoLabel) return historyLabel('undo', { summary: history.undoLabel, earlierAt: history.undoEarlierAt });
  if (id === 'history.redo' && history?.redoLabel) return historyLabel('redo', { summary: history.redoLabel, earlierAt: history.redoEarlierAt });
  return label;
}

export function CommandPalette() {
  const open = useAppStore((s) => s.paletteOpen);
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const [history, setHistory] = useState<HistoryState | null>(null);
  const hasProject = useAppStore((s) => s.project !== null);
  const input = useRef<HTMLInputElement>(null);

  const matches = useMemo(() => {
    if (!open) return [];
    return actions()
      .filter((a) => a.enabled())
      .map((a) => ({ a, score: fuzzyScore(query, a.label) }))
      .filter((m) => m.score !== null)
      .sort((x, y) => (y.score ?? 0) - (x.score ?? 0))
      .map((m) => m.a);
  }, [open, query]);

  useEffect(() => {
    if (open) {
      setQuery('');
      setIndex(0);
      setTimeout(() => input.current?.focus(), 0);
    }
  }, [open]);

  useEffect(() => {
    setHistory(null);
    if (!open || !hasProject) return;
    let current = true;
    void callQuietly('history.state', {}).then((h) => current && setHistory(h));
    return () => {
      current = false;
    };
  }, [open, hasProject]);

  if (!open) return null;
  const close = () => useAppStore.setState({ paletteOpen: false });
  const run = (i: number) => {
    const action = matches[i];
    close();
    if (action) void action.perform();
  };

  return (
    <div className="overlay" onMouseDown={close}>
      <div className="palette" role="dialog" aria-label="Command palette" onMouseDown={(e) => e.stopPropagation()}>
        <input
          ref={input}
          value={query}
          placeholder="Type a command…"
          aria-label="Command"
          onChange={(e) => {
            setQuery(e.target.value);
            setIndex(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') close();
            else if (e.key === 'ArrowDown') setIndex((i) => Math.min(matches.length - 1, i + 1));
            else if (e.key === 'ArrowUp') setIndex((i) => Math.max(0, i - 1));
            else if (e.key === 'Enter') run(index);
            else return;
            e.preventDefault();
            e.stopPropagation();
          }}
        />
        <ul role="listbox">
          {matches.map((a, i) => (
            <li key={a.id} role="option" aria-selected={i === index} className={i === index ? 'active' : ''} onMouseDown={() => run(i)}>
              <span>{shownLabel(a.id, a.label, history)}</span>
              {a.shortcut && <kbd>{shortcutLabel(a.shortcut)}</kbd>}
            </li>
          ))}
          {matches.length === 0 && <li className="muted">No command matches “{query}”.</li>}
        </ul>
      </div>
    </div>
  );
}
