import { COMMANDS, isPlainKey, type CommandDescriptor, type Surface } from '../../shared/commands';
import { activeShortcut, shortcutLabel } from '../commands/registry';
import { useAppStore } from '../state/app-store';
import { Dialog, DialogDone } from './Dialog';

const SURFACE_NAMES: Readonly<Record<Surface, string>> = { transcript: 'Transcript', table: 'Abstraction table', codebook: 'Codebook', compare: 'Compare' };

// Keys a surface answers itself, beside the commands: they are not menu items.
const SURFACE_KEYS: Readonly<Partial<Record<Surface, readonly (readonly [string, string])[]>>> = {
  transcript: [
    ['↑ / ↓', 'Previous or next meaning unit'],
    ['Shift+J / Shift+K', 'Grow the selection by a unit'],
    ['Enter', 'Write the condensation'],
    ['0–9 and letters', 'Apply the code given that key'],
    ['Shift+M', 'Merge the unit with the next'],
    ['Escape', 'Drop the selection'],
  ],
  table: [
    ['Tab / Shift+Tab', 'Next or previous cell button: condensation, document, code'],
    ['Enter', 'Edit the condensation in the focused cell'],
    ['Enter (while editing)', 'Save the condensation'],
    ['Shift+Enter', 'A new line in the condensation'],
    ['Escape', 'Leave the condensation as it was'],
  ],
  codebook: [
    ['↑ / ↓, Home / End', 'Previous or next node; with Shift, select a range'],
    ['→ / ←', 'Expand, or go to the first child; collapse, or go to the parent'],
    ['*', 'Expand the node and its siblings'],
    ['Ctrl+click / Shift+click', 'Add one node, or a range, to the selection'],
    ['Enter', 'New node of the same level, after the focused one'],
    ['Ctrl+Enter or Insert', 'New node one level below, inside the focused one'],
    ['Alt+↑ / Alt+↓', 'Move the node up or down among its siblings'],
    ['Alt+← / Alt+→', 'Outdent (after its parent) or indent (under the node above)'],
    ['Ctrl+X, then Ctrl+V', 'Cut the selection and paste it under the focused node'],
    ['F2', 'Rename'],
    ['Delete', 'Delete the node'],
    ['Escape', 'Drop the selection and what was cut'],
  ],
  compare: [
    ['↑ / ↓', 'Previous or next discrepancy'],
    ['1–6', 'Decide: A, B, both, neither, other code, change the codebook'],
    ['Ctrl+Enter', 'Save the rationale and go to the next'],
  ],
};

function KeyRows({ rows }: { rows: readonly (readonly [string, string])[] }) {
  return (
    <table className="keys-table">
      <tbody>
        {rows.map(([key, what]) => (
          <tr key={`${key} ${what}`}>
            <td>
              <kbd>{key}</kbd>
            </td>
            <td>{what}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The keys of the mode in use (browser or desktop), the current surface's first; opened with ?. */
export function KeysDialog() {
  const view = useAppStore((s) => s.view);
  const close = () => useAppStore.setState({ dialog: null });
  const commands = COMMANDS as readonly CommandDescriptor[];
  const row = (c: CommandDescriptor) => [shortcutLabel(activeShortcut(c)!), c.label.replace(/…$/, '')] as const;
  const everywhere = commands.filter((c) => activeShortcut(c) && !c.surfaces).map(row);
  const surfaces = (Object.keys(SURFACE_NAMES) as Surface[]).sort((a, b) => Number(b === view) - Number(a === view));
  const sections = surfaces
    .map((s) => ({
      surface: s,
      rows: [...commands.filter((c) => c.surfaces?.includes(s) && isPlainKey(activeShortcut(c) ?? '+')).map(row), ...(SURFACE_KEYS[s] ?? [])],
    }))
    .filter((x) => x.rows.length > 0);
  return (
    <Dialog title="Keyboard shortcuts" onClose={close}>
      <p className="muted small">Single letters act only on the tab that shows what they work on, and never while you type in a field.</p>
      {sections.map((x) => (
        <section key={x.surface} aria-label={`${SURFACE_NAMES[x.surface]} keys`}>
          <h3 className="section-title">
            {SURFACE_NAMES[x.surface]}
            {x.surface === view ? ' (this tab)' : ''}
          </h3>
          <KeyRows rows={x.rows} />
        </section>
      ))}
      <section aria-label="Keys everywhere">
        <h3 className="section-title">Everywhere</h3>
        <KeyRows rows={everywhere} />
      </section>
      <DialogDone label="Close" onDone={close} />
    </Dialog>
  );
}
