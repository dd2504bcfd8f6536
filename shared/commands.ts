// Every user command, described once. The renderer attaches what each command does; the
// Electron menu, keyboard shortcuts and the command palette all read this list.
export type MenuName = 'file' | 'edit' | 'view' | 'code' | 'help';

export interface CommandDescriptor {
  readonly id: string;
  readonly label: string;
  /** Electron-style accelerator: "CmdOrCtrl+Shift+Z". */
  readonly shortcut?: string;
  readonly menu?: MenuName;
  /** Commands that make sense only with a project open. */
  readonly needsProject?: boolean;
}

export const COMMANDS = [
  { id: 'project.new', label: 'New Project…', shortcut: 'CmdOrCtrl+N', menu: 'file' },
  { id: 'project.open', label: 'Open Project…', shortcut: 'CmdOrCtrl+O', menu: 'file' },
  { id: 'project.openSample', label: 'Open the Sample Study', menu: 'file' },
  { id: 'project.backup', label: 'Back Up Now', menu: 'file', needsProject: true },
  { id: 'project.close', label: 'Close Project', shortcut: 'CmdOrCtrl+W', menu: 'file', needsProject: true },
  { id: 'history.undo', label: 'Undo', shortcut: 'CmdOrCtrl+Z', menu: 'edit', needsProject: true },
  { id: 'history.redo', label: 'Redo', shortcut: 'CmdOrCtrl+Shift+Z', menu: 'edit', needsProject: true },
  { id: 'palette.open', label: 'Command Palette…', shortcut: 'CmdOrCtrl+K', menu: 'view' },
  { id: 'view.transcript', label: 'Show Transcript', shortcut: 'CmdOrCtrl+1', menu: 'view', needsProject: true },
  { id: 'view.codebook', label: 'Show Codebook', shortcut: 'CmdOrCtrl+2', menu: 'view', needsProject: true },
  { id: 'view.audit', label: 'Show Audit Log', shortcut: 'CmdOrCtrl+3', menu: 'view', needsProject: true },
  { id: 'view.toggleTheme', label: 'Toggle Dark Theme', menu: 'view' },
  { id: 'coder.switch', label: 'Switch Coder…', menu: 'code', needsProject: true },
  { id: 'unit.next', label: 'Next Meaning Unit', shortcut: 'J', menu: 'code', needsProject: true },
  { id: 'unit.previous', label: 'Previous Meaning Unit', shortcut: 'K', menu: 'code', needsProject: true },
  { id: 'help.about', label: 'About Condensa', menu: 'help' },
] as const satisfies readonly CommandDescriptor[];

export type CommandId = (typeof COMMANDS)[number]['id'];

export function commandById(id: string): CommandDescriptor | undefined {
  return (COMMANDS as readonly CommandDescriptor[]).find((c) => c.id === id);
}
