import { commandsOfMenu, isPlainKey, MENUS, type CommandDescriptor, type MenuName } from '../../shared/commands';

export interface MenuItemTemplate {
  readonly label?: string;
  readonly role?: string;
  readonly type?: 'separator';
  readonly accelerator?: string;
  readonly enabled?: boolean;
  readonly submenu?: readonly MenuItemTemplate[];
  readonly click?: () => void;
}


/**
 * The application menu, built from the shared command list: a click sends the command id to
 * the renderer, which runs the same action a shortcut or the palette would.
 */
export function buildMenuTemplate(options: {
  readonly isMac: boolean;
  readonly hasProject: boolean;
  readonly recent: readonly { path: string; title: string }[];
  readonly send: (commandId: string) => void;
  readonly openRecent: (path: string) => void;
}): MenuItemTemplate[] {
  const item = (c: CommandDescriptor): MenuItemTemplate => ({
    label: c.label,
    // A single-letter accelerator would swallow that letter typed in any field: the page answers those keys.
    accelerator: c.shortcut && !isPlainKey(c.shortcut) ? c.shortcut : undefined,
    enabled: !c.needsProject || options.hasProject,
    click: () => options.send(c.id),
  });
  const of = (menu: MenuName) => commandsOfMenu(menu).map(item);
  const recent: MenuItemTemplate = {
    label: 'Open Recent',
    submenu: options.recent.length
      ? options.recent.map((r) => ({ label: r.title, click: () => options.openRecent(r.path) }))
      : [{ label: 'No recent projects', enabled: false }],
  };
  const file = of('file');
  const openIndex = file.findIndex((i) => i.label === 'Open Project…');
  const fileMenu = [...file.slice(0, openIndex + 1), recent, ...file.slice(openIndex + 1), { type: 'separator' as const }, { role: options.isMac ? 'close' : 'quit' }];
  const editMenu = [...of('edit'), { type: 'separator' as const }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }];
  const extras: Partial<Record<MenuName, MenuItemTemplate[]>> = {
    file: fileMenu,
    edit: editMenu,
    view: [...of('view'), { type: 'separator' as const }, { role: 'togglefullscreen' }],
  };
  return [...(options.isMac ? [{ role: 'appMenu' }] : []), ...MENUS.map((m) => ({ label: m.label, submenu: extras[m.name] ?? of(m.name) }))];
}
