import { describe, expect, it } from 'vitest';
import { buildMenuTemplate, type MenuItemTemplate } from '../../../electron/main/menu';

function template(overrides: Partial<Parameters<typeof buildMenuTemplate>[0]> = {}) {
  const sent: string[] = [];
  const opened: string[] = [];
  const menu = buildMenuTemplate({
    isMac: false,
    hasProject: false,
    recent: [],
    send: (id) => sent.push(id),
    openRecent: (p) => opened.push(p),
    ...overrides,
  });
  return { menu, sent, opened };
}

const submenu = (menu: readonly MenuItemTemplate[], label: string) => {
  const top = menu.find((m) => m.label === label);
  if (!top?.submenu) throw new Error(`No ${label} menu`);
  return top.submenu;
};

describe('application menu template', () => {
  it('has File, Edit, Coding, Analysis, View and Help in that order, with the app menu first on macOS', () => {
    expect(template().menu.map((m) => m.label ?? m.role)).toEqual(['File', 'Edit', 'Coding', 'Analysis', 'View', 'Help']);
    expect(template({ isMac: true }).menu.map((m) => m.label ?? m.role)).toEqual(['appMenu', 'File', 'Edit', 'Coding', 'Analysis', 'View', 'Help']);
  });

  it('puts About Condensa in Help, and a click sends help.about to the page', () => {
    const { menu, sent } = template();
    const about = submenu(menu, 'Help').find((i) => i.label === 'About Condensa');
    expect(about?.enabled).toBe(true);
    about?.click?.();
    expect(sent).toEqual(['help.about']);
  });

  it('disables project commands until a project is open', () => {
    const closed = submenu(template().menu, 'File').find((i) => i.label === 'Close Project');
    const open = submenu(template({ hasProject: true }).menu, 'File').find((i) => i.label === 'Close Project');
    expect(closed?.enabled).toBe(false);
    expect(open?.enabled).toBe(true);
    expect(open?.accelerator).toBe('CmdOrCtrl+W');
  });

  it('lists recent projects right after Open Project…, and a click opens that path', () => {
    const { menu, opened } = template({ recent: [{ path: '/s/pilot.condensa', title: 'Pilot' }] });
    const file = submenu(menu, 'File');
    const openIndex = file.findIndex((i) => i.label === 'Open Project…');
    const recent = file[openIndex + 1];
    expect(recent?.label).toBe('Open Recent');
    recent?.submenu?.[0]?.click?.();
    expect(opened).toEqual(['/s/pilot.condensa']);
  });

  it('says so when there are no recent projects', () => {
    const recent = submenu(template().menu, 'File').find((i) => i.label === 'Open Recent');
    expect(recent?.submenu).toEqual([{ label: 'No recent projects', enabled: false }]);
  });

  it('ends File with Quit on Windows and Linux and Close on macOS', () => {
    expect(submenu(template().menu, 'File').at(-1)).toEqual({ role: 'quit' });
    expect(submenu(template({ isMac: true }).menu, 'File').at(-1)).toEqual({ role: 'close' });
  });

  it('gives menus only real accelerators (single-key shortcuts stay in the page)', () => {
    const next = submenu(template({ hasProject: true }).menu, 'Coding').find((i) => i.label === 'Next Meaning Unit');
    expect(next).toBeDefined();
    expect(next?.accelerator).toBeUndefined();
  });
});
