import * as Menubar from '@radix-ui/react-menubar';
import { MENUS, commandsOfMenu, type CommandDescriptor } from '../../shared/commands';
import { actions, activeShortcut, runAction, shortcutLabel } from '../commands/registry';
import { useCommandLabel } from '../commands/use-command-label';
import { useAppStore } from '../state/app-store';

/** One menu's items, read when it opens: whether a command can run depends on what is selected then. */
function MenuItems({ commands }: { commands: readonly CommandDescriptor[] }) {
  const available = new Map(actions().map((a) => [a.id, a.enabled()]));
  const labelOf = useCommandLabel();
  return (
    <>
      {commands.map((c) => {
        const shortcut = activeShortcut(c);
        return (
          <Menubar.Item key={c.id} className="menu-item" disabled={!available.get(c.id)} onSelect={() => runAction(c.id)}>
            <span>{labelOf(c)}</span>
            {shortcut && <span className="menu-shortcut">{shortcutLabel(shortcut)}</span>}
          </Menubar.Item>
        );
      })}
    </>
  );
}

/**
 * The desktop app's menus, for a browser tab (where there is no native menu bar): built from the
 * same command list, with the keys of this mode. Radix gives it the WAI-ARIA menubar keyboard.
 */
export function MenuBar() {
  const hasProject = useAppStore((s) => s.project !== null);
  return (
    <div className="menu-bar-row">
      <Menubar.Root className="menu-bar" aria-label="Menu bar">
        {MENUS.map((m) => (
          <Menubar.Menu key={m.name}>
            <Menubar.Trigger className="menu-trigger">{m.label}</Menubar.Trigger>
            <Menubar.Portal>
              <Menubar.Content className="menu-content" align="start" sideOffset={2} data-has-project={hasProject}>
                <MenuItems commands={commandsOfMenu(m.name)} />
              </Menubar.Content>
            </Menubar.Portal>
          </Menubar.Menu>
        ))}
      </Menubar.Root>
      <button type="button" className="palette-button" onClick={() => runAction('palette.open')} title="Find any command by name">
        Commands… <kbd>{shortcutLabel('CmdOrCtrl+K')}</kbd>
      </button>
    </div>
  );
}
