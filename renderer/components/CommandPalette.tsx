import * as RadixDialog from '@radix-ui/react-dialog';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Autocomplete, Input, ListBox, ListBoxItem, TextField, type Key } from 'react-aria-components';
import { activeShortcut, holdSelection, searchActions, shortcutLabel } from '../commands/registry';
import { useCommandLabel } from '../commands/use-command-label';
import { useAppStore } from '../state/app-store';
import { useFocusReturn } from './Dialog';

export function CommandPalette() {
  const open = useAppStore((s) => s.paletteOpen);
  // Mounted afresh each time it opens: an empty query, and the place the focus came from.
  return open ? <Palette /> : null;
}

function Palette() {
  const [query, setQuery] = useState('');
  const labelOf = useCommandLabel();
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
  // An unavailable command stays listed (it exists) and says why it cannot run; React Aria skips it and never runs it.
  const unavailable = useMemo(() => matches.filter((a) => !a.enabled()).map((a) => a.id), [matches]);

  const close = () => useAppStore.setState({ paletteOpen: false });
  const run = (id: Key) => {
    const action = matches.find((a) => a.id === id);
    if (!action || !action.enabled()) return;
    close();
    void action.perform();
  };

  // A Radix dialog keeps the focus in the palette while it is open and gives it back when it closes;
  // React Aria's Autocomplete and ListBox give the field and the list the combobox keys (arrows, Enter, a click).
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
            <Autocomplete inputValue={query} onInputChange={setQuery}>
              <TextField aria-label="Command">
                <Input ref={input} placeholder="Type a command…" />
              </TextField>
              <ListBox
                className="palette-options"
                aria-label="Commands"
                items={matches}
                disabledKeys={unavailable}
                onAction={run}
                renderEmptyState={() => <span className="muted">No command matches “{query}”.</span>}
              >
                {(a) => {
                  const shortcut = activeShortcut(a);
                  const label = labelOf(a);
                  return (
                    <ListBoxItem id={a.id} textValue={label} className="palette-option">
                      <span className="palette-label">
                        {label}
                        {a.description && <span className="palette-description"> — {a.description}</span>}
                        {unavailable.includes(a.id) && <span className="palette-description"> (not available here)</span>}
                      </span>
                      {shortcut && <kbd>{shortcutLabel(shortcut)}</kbd>}
                    </ListBoxItem>
                  );
                }}
              </ListBox>
            </Autocomplete>
          </RadixDialog.Content>
        </RadixDialog.Overlay>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
