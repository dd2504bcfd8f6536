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
  { id: 'refi.importProject', label: 'Import REFI-QDA Project…', menu: 'file' },
  { id: 'refi.exportProject', label: 'Export REFI-QDA Project…', menu: 'file', needsProject: true },
  { id: 'refi.importCodebook', label: 'Import Codebook (.qdc)…', menu: 'file', needsProject: true },
  { id: 'refi.exportCodebook', label: 'Export Codebook (.qdc)…', menu: 'file', needsProject: true },
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
  { id: 'view.table', label: 'Show Abstraction Table', shortcut: 'CmdOrCtrl+4', menu: 'view', needsProject: true },
  { id: 'view.search', label: 'Search…', shortcut: 'CmdOrCtrl+Shift+F', menu: 'edit', needsProject: true },
  { id: 'coding.pick', label: 'Apply Code…', shortcut: 'A', menu: 'code', needsProject: true },
  { id: 'unit.condense', label: 'Write Condensation', shortcut: 'C', menu: 'code', needsProject: true },
  { id: 'coding.inVivo', label: 'Code In Vivo From Selected Words', shortcut: 'I', menu: 'code', needsProject: true },
  { id: 'coding.removeMine', label: 'Remove My Codes From the Unit', menu: 'code', needsProject: true },
  { id: 'memo.write', label: 'Write a Memo…', shortcut: 'M', menu: 'code', needsProject: true },
  { id: 'journal.new', label: 'New Journal Entry…', menu: 'code', needsProject: true },
  { id: 'codebook.newCode', label: 'New Code…', menu: 'code', needsProject: true },
  { id: 'table.exportCsv', label: 'Export Abstraction Table as CSV', menu: 'file', needsProject: true },
  { id: 'audit.exportCsv', label: 'Export Audit Log as CSV', menu: 'file', needsProject: true },
  { id: 'view.compare', label: 'Show Compare (Agreement and Discrepancies)', menu: 'view', needsProject: true },
  { id: 'project.settings', label: 'Project Settings…', menu: 'file', needsProject: true },
  { id: 'exchange.handOut', label: 'Hand a Copy to Another Coder…', menu: 'file', needsProject: true },
  { id: 'exchange.merge', label: 'Merge a Returned Coder Copy…', menu: 'file', needsProject: true },
  { id: 'document.import', label: 'Import Transcripts…', shortcut: 'CmdOrCtrl+I', menu: 'file', needsProject: true },
  { id: 'transcript.find', label: 'Find in Document…', shortcut: 'CmdOrCtrl+F', menu: 'edit', needsProject: true },
  { id: 'document.segment', label: 'Split Document Into Meaning Units…', menu: 'code', needsProject: true },
  { id: 'unit.create', label: 'Make Meaning Unit From Selected Words', shortcut: 'U', menu: 'code', needsProject: true },
  { id: 'unit.split', label: 'Split Meaning Unit at Cursor', shortcut: 'S', menu: 'code', needsProject: true },
  // Shift+M is handled by the transcript, not the menu: a menu accelerator would swallow a typed "M".
  { id: 'unit.mergeNext', label: 'Merge Meaning Unit With the Next (Shift+M)', menu: 'code', needsProject: true },
  { id: 'unit.delete', label: 'Remove Meaning Unit (Keep Its Text)', menu: 'code', needsProject: true },
  { id: 'view.participants', label: 'Show Participants', menu: 'view', needsProject: true },
  { id: 'view.documents', label: 'Show Documents', menu: 'view', needsProject: true },
  { id: 'view.analysis', label: 'Show Analysis', menu: 'view', needsProject: true },
  { id: 'analysis.frequencies', label: 'Analysis: Frequencies by Group', menu: 'view', needsProject: true },
  { id: 'analysis.matrix', label: 'Analysis: Code × Attribute Matrix', menu: 'view', needsProject: true },
  { id: 'analysis.cooccurrence', label: 'Analysis: Co-occurrence', menu: 'view', needsProject: true },
  { id: 'analysis.map', label: 'Analysis: Thematic Map', menu: 'view', needsProject: true },
  { id: 'view.reports', label: 'Reports and Word Export…', menu: 'file', needsProject: true },
  { id: 'reports.exportWord', label: 'Export the Current Report as Word (.docx)', menu: 'file', needsProject: true },
  { id: 'help.about', label: 'About Condensa', menu: 'help' },
] as const satisfies readonly CommandDescriptor[];

export type CommandId = (typeof COMMANDS)[number]['id'];

export function commandById(id: string): CommandDescriptor | undefined {
  return (COMMANDS as readonly CommandDescriptor[]).find((c) => c.id === id);
}
