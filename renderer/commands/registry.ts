import { COMMANDS, type CommandDescriptor, type CommandId } from '../../shared/commands';

export interface Action extends CommandDescriptor {
  readonly perform: () => void | Promise<void>;
  readonly enabled: () => boolean;
}

const performers = new Map<CommandId, { perform: () => void | Promise<void>; enabled?: () => boolean }>();

/** Attaches what a command does. Features call this once at start-up. */
export function registerAction(id: CommandId, perform: () => void | Promise<void>, enabled?: () => boolean): void {
  performers.set(id, { perform, enabled });
}

export function actions(): Action[] {
  return COMMANDS.flatMap((c) => {
    const p = performers.get(c.id);
    return p ? [{ ...c, perform: p.perform, enabled: p.enabled ?? (() => true) }] : [];
  });
}

export function runAction(id: string): boolean {
  const action = actions().find((a) => a.id === id);
  if (!action || !action.enabled()) return false;
  void action.perform();
  return true;
}

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

/** Whether a keyboard event matches an Electron-style accelerator such as "CmdOrCtrl+Shift+Z". */
export function matchesShortcut(shortcut: string, e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): boolean {
  const parts = shortcut.split('+');
  const key = parts[parts.length - 1].toLowerCase();
  const mods = new Set(parts.slice(0, -1));
  const wantPrimary = mods.has('CmdOrCtrl');
  const primary = isMac ? e.metaKey : e.ctrlKey;
  if (wantPrimary !== primary) return false;
  if (mods.has('Shift') !== e.shiftKey) return false;
  if (mods.has('Alt') !== e.altKey) return false;
  return e.key.toLowerCase() === key;
}

export function shortcutLabel(shortcut: string): string {
  return shortcut.replace('CmdOrCtrl', isMac ? '⌘' : 'Ctrl');
}

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/** The one keyboard handler: every shortcut comes from the command list. */
export function handleKeyDown(e: KeyboardEvent, skipMenuShortcuts: boolean): void {
  for (const action of actions()) {
    if (!action.shortcut || !matchesShortcut(action.shortcut, e)) continue;
    const plainKey = !action.shortcut.includes('+');
    if (plainKey && typingIn(e.target)) continue;
    // Inside Electron the native menu already answers its accelerators.
    if (skipMenuShortcuts && action.menu && !plainKey) continue;
    if (!action.enabled()) continue;
    e.preventDefault();
    void action.perform();
    return;
  }
}
