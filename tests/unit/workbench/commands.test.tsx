import { beforeEach, describe, expect, it } from 'vitest';
import { COMMANDS, MENUS, commandsOfMenu, shortcutFor, type CommandDescriptor } from '../../../shared/commands';
import { activeShortcut, handleKeyDown, registerAction, searchActions, setDesktopMode, type KeyContext } from '../../../renderer/commands/registry';

// Keys, menus and the palette all read one command list: these pin how each reads it.

const ran: string[] = [];
let unitSelected = true;

beforeEach(() => {
  ran.length = 0;
  unitSelected = true;
  setDesktopMode(false);
  for (const c of COMMANDS) registerAction(c.id, () => void ran.push(c.id));
  // As in the app: split needs a caret in a unit, so it is unavailable until then.
  registerAction('unit.split', () => void ran.push('unit.split'), () => unitSelected);
});

function press(key: string, context: Partial<KeyContext> & { target?: unknown; shiftKey?: boolean; ctrlKey?: boolean; altKey?: boolean; code?: string } = {}): boolean {
  let prevented = false;
  handleKeyDown(
    {
      key,
      code: context.code,
      ctrlKey: context.ctrlKey ?? false,
      metaKey: false,
      shiftKey: context.shiftKey ?? false,
      altKey: context.altKey ?? false,
      target: (context.target ?? null) as EventTarget | null,
      preventDefault: () => {
        prevented = true;
      },
    },
    { skipMenuShortcuts: context.skipMenuShortcuts ?? false, view: context.view ?? 'transcript', modalOpen: context.modalOpen ?? false },
  );
  return prevented;
}

/** Enough of an element for the typing check. */
function element(tagName: string, role?: string): unknown {
  return { tagName, isContentEditable: false, getAttribute: (name: string) => (name === 'role' ? (role ?? null) : null) };
}

describe('single-letter keys act only where their target is shown', () => {
  it('A opens the code picker on the transcript, and does nothing on Analysis, the audit log or the codebook', () => {
    expect(press('a', { view: 'transcript' })).toBe(true);
    expect(ran).toEqual(['coding.pick']);
    ran.length = 0;
    for (const view of ['analysis', 'audit', 'codebook', 'documents', 'reports']) {
      expect(press('a', { view })).toBe(false);
    }
    expect(ran).toEqual([]);
  });

  it('J, K, C, I, U and S stay on the transcript; M also writes a memo on the code selected in the codebook', () => {
    for (const key of ['j', 'k', 'c', 'i', 'u', 's', 'm']) press(key, { view: 'analysis' });
    expect(ran).toEqual([]);
    press('m', { view: 'codebook' });
    expect(ran).toEqual(['memo.write']);
  });

  it('never while typing: in an input, a textarea, a combobox or a textbox role', () => {
    for (const target of [element('INPUT'), element('TEXTAREA'), element('DIV', 'combobox'), element('DIV', 'textbox'), element('SPAN', 'searchbox')]) {
      press('a', { target });
      press('m', { target });
    }
    expect(ran).toEqual([]);
  });

  it('not while a dialog or the palette is open; keys with Ctrl still work there', () => {
    press('a', { modalOpen: true });
    expect(ran).toEqual([]);
    press('k', { ctrlKey: true, modalOpen: true });
    expect(ran).toEqual(['palette.open']);
  });

  it('the recording plays, pauses and goes back with Ctrl+Space and Ctrl+Shift+Space, also while correcting text in a dialog', () => {
    expect(press(' ', { ctrlKey: true, target: element('TEXTAREA'), modalOpen: true })).toBe(true);
    press(' ', { ctrlKey: true, shiftKey: true, target: element('TEXTAREA'), modalOpen: true });
    expect(ran).toEqual(['media.playPause', 'media.back']);
    // A space alone is text.
    expect(press(' ', { target: element('TEXTAREA') })).toBe(false);
  });

  it('? lists the keys on any surface, though it is typed with Shift', () => {
    press('?', { shiftKey: true, view: 'analysis' });
    expect(ran).toEqual(['help.keys']);
  });
});

describe('browser-reserved keys', () => {
  it('New and Close have other keys in a browser tab, and their usual ones in the desktop app', () => {
    const byId = (id: string) => COMMANDS.find((c) => c.id === id) as CommandDescriptor;
    expect(shortcutFor(byId('project.new'), true)).toBe('Alt+Shift+N');
    expect(shortcutFor(byId('project.new'), false)).toBe('CmdOrCtrl+N');
    expect(activeShortcut(byId('project.close'))).toBe('Alt+Shift+W');
    // No browser-mode key is one a browser keeps for itself.
    for (const c of COMMANDS as readonly CommandDescriptor[]) {
      expect(shortcutFor(c, true) ?? '').not.toMatch(/^CmdOrCtrl\+(N|W|T|Shift\+N|Shift\+W|Shift\+T)$/);
    }
    press('n', { altKey: true, shiftKey: true, code: 'KeyN' });
    expect(ran).toEqual(['project.new']);
    ran.length = 0;
    press('n', { ctrlKey: true });
    expect(ran).toEqual([]);
    setDesktopMode(true);
    press('n', { ctrlKey: true });
    expect(ran).toEqual(['project.new']);
  });
});

describe('the menus', () => {
  it('are File, Edit, Coding, Analysis, View and Help, and every command sits in one of them', () => {
    expect(MENUS.map((m) => m.label)).toEqual(['File', 'Edit', 'Coding', 'Analysis', 'View', 'Help']);
    const listed = MENUS.flatMap((m) => commandsOfMenu(m.name).map((c) => c.id));
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual(COMMANDS.map((c) => c.id).sort());
    expect(commandsOfMenu('analysis').map((c) => c.id)).toContain('view.compare');
    expect(commandsOfMenu('coding').map((c) => c.id)).toContain('unit.split');
  });
});

describe('the palette finds a command by any word of it', () => {
  const first = (q: string) => searchActions(q)[0]?.id;
  const found = (q: string) => searchActions(q).map((a) => a.id);

  it('by a word of the label, even when the command is unavailable right now', () => {
    unitSelected = false;
    expect(found('split')).toContain('unit.split');
    expect(found('split')).toContain('document.segment');
    expect(first('merge')).toBe('exchange.merge');
    expect(found('remove meaning')).toContain('unit.delete');
  });

  it('by its description or a synonym', () => {
    expect(found('coder copy')).toEqual(expect.arrayContaining(['exchange.handOut', 'exchange.merge']));
    expect(first('kappa')).toBe('view.compare');
    expect(found('diary')).toEqual(['journal.new']);
  });

  it('every command by each word of its label', () => {
    for (const c of COMMANDS) {
      for (const word of c.label.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 2)) {
        expect(found(word), `${word} → ${c.id}`).toContain(c.id);
      }
    }
  });

  it('still by letters in order when no word matches', () => {
    expect(first('nwcd')).toBe('codebook.newCode');
    expect(found('zzzq')).toEqual([]);
  });
});
