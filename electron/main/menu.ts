import { COMMANDS, type CommandDescriptor, type MenuName } from '../../shared/commands';

export interface MenuItemTemplate {
  readonly label?: string;
  readonly role?: string;
  readonly type?: 'separator';
  readonly accelerator?: string;
  readonly enabled?: boolean;
  readonly submenu?: readonly MenuItemTemplate[];
  readonly click?: () => void;
}

const MENU_LABELS: Readonly<Record<MenuName, string>> = { file: 'File', edit: 'Edit', view: 'View', code: 'Code', help: 'Help' };

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
    accelerator: c.shortcut && c.shortcut.includes('+') ? c.shortcut : undefined,
    enabled: !c.needsProject || options.hasProject,
    click: () => options.send(c.id),
  });
  const of = (menu: MenuName) => (COMMANDS as readonly CommandDescriptor[]).filter((c) => c.menu === menu).map(item);
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
  return [
    ...(options.isMac ? [{ role: 'appMenu' }] : []),
    { label: MENU_LABELS.file, submenu: fileMenu },
    { label: MENU_LABELS.edit, submenu: editMenu },
    { label: MENU_LABELS.view, submenu: [...of('view'), { type: 'separator' as const }, { role: 'togglefullscreen' }] },
    { label: MENU_LABELS.code, submenu: of('code') },
    { label: MENU_LABELS.help, submenu: of('help') },
  ];
}
