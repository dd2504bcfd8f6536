import * as RadixDialog from '@radix-ui/react-dialog';
import { useEffect, useMemo, useRef, useState } from 'react';
import { activeShortcut, holdSelection, searchActions, shortcutLabel } from '../commands/registry';
import { callQuietly, useAppStore } from '../state/app-store';
import type { HistoryState } from '../../shared/api/entities';
import { historyLabel } from '../features/project/history-label';
import { useFocusReturn } from './Dialog';

/** Undo and Redo name the step they would take back, which after reopening may be from an earlier session. */
function shownLabel(id: string, label: string, history: HistoryState | null): string {
  if (id === 'history.undo' && history?.undoLabel) return historyLabel('undo', { summary: history.undoLabel, earlierAt: history.undoEarlierAt });
  if (id === 'history.redo' && history?.redoLabel) return historyLabel('redo', { summary: history.redoLabel, earlierAt: history.redoEarlierAt });
  return label;
}

export function CommandPalette() {
  const open = useAppStore((s) => s.paletteOpen);
  // Mounted afresh each time it opens: an empty query, and the place the focus came from.
  return open ? <Palette /> : null;
}

function Palette() {
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const [history, setHistory] = useState<HistoryState | null>(null);
  const hasProject = useAppStore((s) => s.project !== null);
  const input = useRef<HTMLInputElement>(null);
  const returnFocus = useFocusReturn();

  // Before the input takes the focus: the commands see the caret or selection the user had (released when the palette goes).
  const [before] = useState(() => {
    const sel = window.getSelection();
    const range = sel && sel.rangeCount > 0 ? sel.getRangeAt(0).cloneRange() : null;
    holdSelection(range);
    return range;
  });
  useEffect(() => {
    holdSelection(before);
    return () => holdSelection(null);
  }, [before]);

  const matches = useMemo(() => searchActions(query), [query]);

  useEffect(() => {
    if (!hasProject) return;
    let current = true;
    void callQuietly('history.state', {}).then((h) => current && setHistory(h));
    return () => {
      current = false;
    };
  }, [hasProject]);

  const close = () => useAppStore.setState({ paletteOpen: false });
  const run = (i: number) => {
    const action = matches[i];
    // An unavailable command stays listed (it exists) but says why it cannot run rather than closing.
    if (action && !action.enabled()) return;
    close();
    if (action) void action.perform();
  };
  const optionId = (i: number) => `palette-option-${i}`;

  // A Radix dialog: the focus stays in the palette while it is open and goes back where it was when it closes.
  return (
    <RadixDialog.Root open onOpenChange={(o) => !o && close()}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="overlay">
          <RadixDialog.Content
            className="palette"
            aria-describedby={undefined}
            onOpenAutoFocus={(e) => {
              e.preventDefault();
              input.current?.focus();
            }}
            onCloseAutoFocus={returnFocus}
          >
            <RadixDialog.Title className="visually-hidden">Command palette</RadixDialog.Title>
            <input
              ref={input}
              value={query}
              placeholder="Type a command…"
              aria-label="Command"
              aria-controls="palette-options"
              aria-activedescendant={matches.length ? optionId(index) : undefined}
              onChange={(e) => {
                setQuery(e.target.value);
                setIndex(0);
              }}
              onKeyDown={(e) => {
                if (e.key === 'ArrowDown') setIndex((i) => Math.min(matches.length - 1, i + 1));
                else if (e.key === 'ArrowUp') setIndex((i) => Math.max(0, i - 1));
                else if (e.key === 'Enter') run(index);
                else return;
                e.preventDefault();
                e.stopPropagation();
              }}
            />
            <ul role="listbox" id="palette-options" aria-label="Commands">
              {matches.map((a, i) => {
                const enabled = a.enabled();
                const shortcut = activeShortcut(a);
                return (
                  <li
                    key={a.id}
                    id={optionId(i)}
                    role="option"
                    aria-selected={i === index}
                    aria-disabled={!enabled}
                    className={`${i === index ? 'active' : ''}${enabled ? '' : ' unavailable'}`}
                    onMouseDown={(e) => {
                      e.preventDefault();
                      run(i);
                    }}
                  >
                    <span className="palette-label">
                      {shownLabel(a.id, a.label, history)}
                      {a.description && <span className="palette-description"> — {a.description}</span>}
                      {!enabled && <span className="palette-description"> (not available here)</span>}
                    </span>
                    {shortcut && <kbd>{shortcutLabel(shortcut)}</kbd>}
                  </li>
                );
              })}
              {matches.length === 0 && (
                <li role="option" aria-disabled="true" aria-selected="false" className="muted">
                  No command matches “{query}”.
                </li>
              )}
            </ul>
          </RadixDialog.Content>
        </RadixDialog.Overlay>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
