import { COMMANDS, commandMatch, isPlainKey, shortcutFor, type CommandDescriptor, type CommandId } from '../../shared/commands';
import { fuzzyScore } from '../../shared/domain/fuzzy';

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

let heldRange: Range | null = null;

/**
 * The palette takes the focus, and the caret with it, while it asks whether a command can run and
 * runs it: it holds the selection the user had before it opened, and commands read that one.
 */
export function holdSelection(range: Range | null): void {
  heldRange = range;
}

/** The user's selection for a command: the one held by the palette, else the live one. */
export function selectionRange(): Range | null {
  if (heldRange) return heldRange;
  const sel = typeof window === 'undefined' ? null : window.getSelection();
  return sel && sel.rangeCount > 0 ? sel.getRangeAt(0) : null;
}

/** A dialog stands in the way of a command: any overlay except the palette's own, which only asks about and runs commands. */
export function dialogInTheWay(): boolean {
  return [...document.querySelectorAll('.overlay')].some((o) => o.querySelector('.palette') === null);
}

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

let inBrowser = true;

/** Desktop or browser tab: the keys a command answers to differ (a browser keeps Ctrl+N, W and T). */
export function setDesktopMode(desktop: boolean): void {
  inBrowser = !desktop;
}

/** The shortcut of a command in the mode in use. */
export function activeShortcut(command: CommandDescriptor): string | undefined {
  return shortcutFor(command, inBrowser);
}

type KeyLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'> & { readonly code?: string };

/** Whether a keyboard event matches an Electron-style accelerator such as "CmdOrCtrl+Shift+Z". */
export function matchesShortcut(shortcut: string, e: KeyLike): boolean {
  const parts = shortcut === '+' ? ['+'] : shortcut.split('+');
  const key = parts[parts.length - 1].toLowerCase();
  const mods = new Set(parts.slice(0, -1));
  const wantPrimary = mods.has('CmdOrCtrl');
  const primary = isMac ? e.metaKey : e.ctrlKey;
  // "Ctrl" is the Control key on every system (a Mac's Cmd+Space belongs to Spotlight).
  if (mods.has('Ctrl') ? !e.ctrlKey || (isMac && e.metaKey) : wantPrimary !== primary) return false;
  // A symbol such as "?" is typed with Shift on most layouts: its Shift is part of the key.
  const symbol = !/^[a-z0-9]$/.test(key) && key.length === 1;
  if (!symbol && mods.has('Shift') !== e.shiftKey) return false;
  if (mods.has('Alt') !== e.altKey) return false;
  // With Alt held, e.key may be a composed character (Alt+Shift+N gives "˜" on a Mac): compare the key's letter.
  const pressed = e.altKey && e.code && /^Key[A-Z]$/.test(e.code) ? e.code.slice(3).toLowerCase() : e.key.toLowerCase();
  return pressed === key || (key === 'space' && e.key === ' ');
}

export function shortcutLabel(shortcut: string): string {
  return shortcut.replace('CmdOrCtrl', isMac ? '⌘' : 'Ctrl');
}

/** A text field, or anything the user types into: single letters there are text, not commands. */
export function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  if (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName)) return true;
  const role = el.getAttribute?.('role');
  return role === 'textbox' || role === 'combobox' || role === 'searchbox';
}

export interface KeyContext {
  /** Inside Electron the native menu already answers its accelerators. */
  readonly skipMenuShortcuts: boolean;
  /** The tab shown in the work area. */
  readonly view: string;
  /** A dialog, menu or palette is open: it has the keys. */
  readonly modalOpen: boolean;
}

/** The one keyboard handler: every shortcut comes from the command list. */
export function handleKeyDown(e: KeyLike & Pick<KeyboardEvent, 'target' | 'preventDefault'>, context: KeyContext): void {
  for (const action of actions()) {
    const shortcut = activeShortcut(action);
    if (!shortcut || !matchesShortcut(shortcut, e)) continue;
    const plainKey = isPlainKey(shortcut);
    if (plainKey) {
      if (typingIn(e.target) || context.modalOpen) continue;
      // A single letter acts only where its target is on screen (not on Analysis or the audit log).
      if (action.surfaces && !(action.surfaces as readonly string[]).includes(context.view)) continue;
    }
    if (context.skipMenuShortcuts && action.menu && !plainKey) continue;
    if (!action.enabled()) continue;
    e.preventDefault();
    void action.perform();
    return;
  }
}

/**
 * The palette's list for a query: commands found by a word of their label, description or synonyms,
 * else by letters in order in the label ("nwcd"); available ones first. Unavailable ones are listed
 * too, so a command is never missing only because its target is not selected.
 */
export function searchActions(query: string): Action[] {
  const scored = actions().flatMap((a) => {
    const byWord = commandMatch(query, a);
    const byLetters = byWord === null ? fuzzyScore(query, a.label) : null;
    if (byWord === null && byLetters === null) return [];
    return [{ a, enabled: a.enabled(), score: byWord !== null ? 1000 + byWord : (byLetters ?? 0) }];
  });
  return scored.sort((x, y) => Number(y.enabled) - Number(x.enabled) || y.score - x.score).map((m) => m.a);
}
