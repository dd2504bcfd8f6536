import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate, type MenuItemTemplate } from '../../../electron/main/menu';

function find(items: readonly MenuItemTemplate[], label: string): MenuItemTemplate | undefined {
  for (const i of items) {
    if (i.label === label) return i;
    const inner = i.submenu ? find(i.submenu, label) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

describe('the application menu', () => {
  const base = { isMac: false, hasProject: true, recent: [{ path: '/s/a.condensa', title: 'Study A' }] };

  it('has File, Edit, View and Help menus built from the command list', () => {
    const template = buildMenuTemplate({ ...base, send: vi.fn(), openRecent: vi.fn() });
    expect(template.map((m) => m.label)).toEqual(expect.arrayContaining(['File', 'Edit', 'View', 'Help']));
    for (const label of ['New Project…', 'Open Project…', 'Open Recent', 'Close Project']) expect(find(template, label), label).toBeDefined();
    expect(find(template, 'Undo')?.accelerator).toBe('CmdOrCtrl+Z');
    expect(find(template, 'Redo')?.accelerator).toBe('CmdOrCtrl+Shift+Z');
    expect(find(template, 'About Condensa')).toBeDefined();
  });

  it('sends the command id to the renderer on click, and opens recent files by path', () => {
    const send = vi.fn();
    const openRecent = vi.fn();
    const template = buildMenuTemplate({ ...base, send, openRecent });
    find(template, 'Undo')!.click!();
    expect(send).toHaveBeenCalledWith('history.undo');
    find(template, 'Study A')!.click!();
    expect(openRecent).toHaveBeenCalledWith('/s/a.condensa');
  });

  it('disables project commands when no project is open', () => {
    const template = buildMenuTemplate({ ...base, hasProject: false, recent: [], send: vi.fn(), openRecent: vi.fn() });
    expect(find(template, 'Close Project')?.enabled).toBe(false);
    expect(find(template, 'New Project…')?.enabled).toBe(true);
    expect(find(template, 'No recent projects')?.enabled).toBe(false);
  });
});
