// Every user command, described once. The renderer attaches what each command does; the
// Electron menu, the browser-mode menu bar, keyboard shortcuts and the command palette all read this list.
export type MenuName = 'file' | 'edit' | 'coding' | 'analysis' | 'view' | 'help';

/** The work surfaces (tabs) a single-letter key can act on. */
export type Surface = 'transcript' | 'table' | 'codebook' | 'compare';

export interface CommandDescriptor {
  readonly id: string;
  readonly label: string;
  /** What it does, in a sentence: shown in the palette and searched. */
  readonly description?: string;
  /** Other words a researcher might type for it ("coder copy" for hand out). */
  readonly synonyms?: readonly string[];
  /** Electron-style accelerator: "CmdOrCtrl+Shift+Z". */
  readonly shortcut?: string;
  /** The same command's key in a browser tab, where the browser keeps the desktop one (Ctrl+N, W, T). */
  readonly browserShortcut?: string;
  /** Where a single-letter shortcut acts: only the surface that shows its target. */
  readonly surfaces?: readonly Surface[];
  readonly menu?: MenuName;
  /** Commands that make sense only with a project open. */
  readonly needsProject?: boolean;
}

export const COMMANDS = [
  { id: 'project.new', label: 'New Project…', description: 'Start a new study file', synonyms: ['create', 'study'], shortcut: 'CmdOrCtrl+N', browserShortcut: 'Alt+Shift+N', menu: 'file' },
  { id: 'project.open', label: 'Open Project…', description: 'Open a study file', synonyms: ['load', 'study'], shortcut: 'CmdOrCtrl+O', menu: 'file' },
  { id: 'project.openSample', label: 'Open the Sample Study', description: 'A small coded study to try things on', synonyms: ['example', 'demo'], menu: 'file' },
  { id: 'document.import', label: 'Import Transcripts…', description: 'Add transcripts from text, Word, PDF, subtitles or CSV', synonyms: ['add', 'document', 'upload'], shortcut: 'CmdOrCtrl+I', menu: 'file', needsProject: true },
  { id: 'exchange.handOut', label: 'Hand a Copy to Another Coder…', description: 'Write a coder copy of this study for a second coder', synonyms: ['coder copy', 'share', 'send', 'second coder', 'blind'], menu: 'file', needsProject: true },
  { id: 'exchange.merge', label: 'Merge a Returned Coder Copy…', description: 'Bring a second coder’s work back into this study', synonyms: ['coder copy', 'combine', 'returned'], menu: 'file', needsProject: true },
  { id: 'refi.importProject', label: 'Import REFI-QDA Project…', description: 'Open a .qdpx project from another QDA program', synonyms: ['qdpx', 'nvivo', 'atlas', 'maxqda'], menu: 'file' },
  { id: 'refi.exportProject', label: 'Export REFI-QDA Project…', description: 'Save the study as .qdpx for another QDA program', synonyms: ['qdpx', 'nvivo', 'atlas', 'maxqda'], menu: 'file', needsProject: true },
  { id: 'refi.importCodebook', label: 'Import Codebook (.qdc, .csv, .xlsx)…', synonyms: ['qdc', 'refi', 'spreadsheet', 'excel', 'csv'], menu: 'file', needsProject: true },
  { id: 'refi.exportCodebook', label: 'Export Codebook (.qdc, .csv, .xlsx)…', synonyms: ['qdc', 'refi', 'spreadsheet', 'excel', 'csv'], menu: 'file', needsProject: true },
  { id: 'table.exportCsv', label: 'Export Abstraction Table as CSV', synonyms: ['download', 'spreadsheet'], menu: 'file', needsProject: true },
  { id: 'audit.exportCsv', label: 'Export Audit Log as CSV', synonyms: ['download', 'history'], menu: 'file', needsProject: true },
  { id: 'view.reports', label: 'Reports and Word Export…', description: 'Preview the tables of a report and export them', synonyms: ['docx', 'word', 'xlsx', 'print'], menu: 'file', needsProject: true },
  { id: 'reports.exportWord', label: 'Export the Current Report as Word (.docx)', synonyms: ['docx', 'download'], menu: 'file', needsProject: true },
  { id: 'project.settings', label: 'Project Settings…', description: 'Title, method, levels, blind coding', synonyms: ['preferences', 'options', 'blind'], menu: 'file', needsProject: true },
  { id: 'project.backup', label: 'Back Up Now', description: 'Write a checked backup of the study', synonyms: ['save', 'copy', 'snapshot'], menu: 'file', needsProject: true },
  { id: 'project.close', label: 'Close Project', shortcut: 'CmdOrCtrl+W', browserShortcut: 'Alt+Shift+W', menu: 'file', needsProject: true },
  { id: 'history.undo', label: 'Undo', description: 'Take back the last step', synonyms: ['revert', 'back'], shortcut: 'CmdOrCtrl+Z', menu: 'edit', needsProject: true },
  { id: 'history.redo', label: 'Redo', description: 'Do again the step just undone', shortcut: 'CmdOrCtrl+Shift+Z', menu: 'edit', needsProject: true },
  { id: 'turn.correct', label: 'Correct Transcript Text…', description: 'Fix the words of the turn at the caret (a mistyped word); units and codings stay on their words', synonyms: ['edit', 'typo', 'fix', 'repair', 'spelling'], shortcut: 'F2', surfaces: ['transcript'], menu: 'edit', needsProject: true },
  { id: 'turn.split', label: 'Split Turn Here…', description: 'A new turn from the caret on, with its own speaker', synonyms: ['repair', 'speaker', 'divide', 'new turn'], menu: 'edit', needsProject: true },
  { id: 'turn.changeSpeaker', label: 'Change Speaker…', description: 'Say who really speaks in the turn at the caret', synonyms: ['repair', 'participant', 'who', 'reassign'], menu: 'edit', needsProject: true },
  { id: 'turn.mergeNext', label: 'Merge Turn With the Next', description: 'One turn of the first speaker', synonyms: ['repair', 'join', 'combine'], menu: 'edit', needsProject: true },
  { id: 'turn.notSpeech', label: 'Mark Line as Not Speech', description: 'A title, note or stage direction: kept in the text, never a meaning unit (again: speech)', synonyms: ['repair', 'header', 'note', 'stage direction', 'exclude'], menu: 'edit', needsProject: true },
  { id: 'transcript.find', label: 'Find in Document…', synonyms: ['search'], shortcut: 'CmdOrCtrl+F', menu: 'edit', needsProject: true },
  { id: 'view.search', label: 'Search…', description: 'Search transcripts, condensations, codes and memos', synonyms: ['find', 'query'], shortcut: 'CmdOrCtrl+Shift+F', menu: 'edit', needsProject: true },
  { id: 'coder.switch', label: 'Switch Coder…', description: 'Choose who is coding, or add a coder', synonyms: ['who', 'person', 'user'], menu: 'coding', needsProject: true },
  { id: 'unit.next', label: 'Next Meaning Unit', shortcut: 'J', surfaces: ['transcript'], menu: 'coding', needsProject: true },
  { id: 'unit.previous', label: 'Previous Meaning Unit', shortcut: 'K', surfaces: ['transcript'], menu: 'coding', needsProject: true },
  { id: 'coding.pick', label: 'Apply Code…', description: 'Code the selected units or words', synonyms: ['tag', 'label'], shortcut: 'A', surfaces: ['transcript'], menu: 'coding', needsProject: true },
  { id: 'unit.condense', label: 'Write Condensation', description: 'The unit’s meaning in fewer words', synonyms: ['condense', 'summary', 'summarise'], shortcut: 'C', surfaces: ['transcript'], menu: 'coding', needsProject: true },
  { id: 'coding.inVivo', label: 'Code In Vivo From Selected Words', description: 'Make a code named by the participant’s own words', synonyms: ['invivo', 'quote'], shortcut: 'I', surfaces: ['transcript'], menu: 'coding', needsProject: true },
  { id: 'coding.removeMine', label: 'Remove My Codes From the Unit', synonyms: ['delete', 'uncode', 'clear'], menu: 'coding', needsProject: true },
  { id: 'memo.write', label: 'Write a Memo…', description: 'A note on the selected unit or code', synonyms: ['note', 'comment'], shortcut: 'M', surfaces: ['transcript', 'codebook'], menu: 'coding', needsProject: true },
  { id: 'journal.new', label: 'New Journal Entry…', description: 'A dated entry in the reflexive journal', synonyms: ['diary', 'reflexive', 'note'], menu: 'coding', needsProject: true },
  { id: 'codebook.newCode', label: 'New Code…', synonyms: ['add', 'create', 'codebook'], menu: 'coding', needsProject: true },
  { id: 'codebook.moveTo', label: 'Move Selected Codebook Nodes To…', description: 'Put the selected codes or categories under another node, found by name', synonyms: ['reorganise', 'reorganize', 'parent', 'nest', 'tree', 'indent'], shortcut: 'CmdOrCtrl+Shift+M', menu: 'coding', needsProject: true },
  { id: 'codebook.mergeSelected', label: 'Merge Selected Codes…', description: 'Merge the codes selected in the codebook into one that stays', synonyms: ['combine', 'join', 'codebook'], menu: 'coding', needsProject: true },
  { id: 'document.segment', label: 'Split Document Into Meaning Units…', description: 'By sentence, turn or paragraph', synonyms: ['segment', 'units', 'divide'], menu: 'coding', needsProject: true },
  { id: 'unit.create', label: 'Make Meaning Unit From Selected Words', synonyms: ['new unit', 'segment'], shortcut: 'U', surfaces: ['transcript'], menu: 'coding', needsProject: true },
  { id: 'unit.split', label: 'Split Meaning Unit at Cursor', description: 'Cut the unit in two where the caret is', synonyms: ['divide', 'cut', 'break'], shortcut: 'S', surfaces: ['transcript'], menu: 'coding', needsProject: true },
  // Shift+M is handled by the transcript, not the menu: a menu accelerator would swallow a typed "M".
  { id: 'unit.mergeNext', label: 'Merge Meaning Unit With the Next (Shift+M)', synonyms: ['join', 'combine'], menu: 'coding', needsProject: true },
  { id: 'unit.delete', label: 'Remove Meaning Unit (Keep Its Text)', synonyms: ['delete', 'unsegment'], menu: 'coding', needsProject: true },
  { id: 'view.compare', label: 'Show Compare (Agreement and Discrepancies)', description: 'Agreement figures per code and the discrepancy list', synonyms: ['kappa', 'alpha', 'agreement', 'reliability', 'resolve', 'consensus'], menu: 'analysis', needsProject: true },
  { id: 'view.analysis', label: 'Show Analysis', synonyms: ['charts', 'statistics'], menu: 'analysis', needsProject: true },
  { id: 'analysis.frequencies', label: 'Analysis: Frequencies by Group', synonyms: ['counts', 'chart'], menu: 'analysis', needsProject: true },
  { id: 'analysis.matrix', label: 'Analysis: Code × Attribute Matrix', synonyms: ['crosstab', 'table'], menu: 'analysis', needsProject: true },
  { id: 'analysis.cooccurrence', label: 'Analysis: Co-occurrence', synonyms: ['overlap', 'together'], menu: 'analysis', needsProject: true },
  { id: 'analysis.map', label: 'Analysis: Thematic Map', synonyms: ['network', 'diagram'], menu: 'analysis', needsProject: true },
  { id: 'media.playPause', label: 'Play or Pause the Recording', description: 'The recording linked to this transcript; also while you correct its text', synonyms: ['audio', 'video', 'listen', 'start', 'stop'], shortcut: 'Ctrl+Space', menu: 'edit', needsProject: true },
  { id: 'media.back', label: 'Back 5 Seconds in the Recording', description: 'Hear the last words again', synonyms: ['audio', 'rewind', 'replay', 'listen'], shortcut: 'Ctrl+Shift+Space', menu: 'edit', needsProject: true },
  { id: 'palette.open', label: 'Command Palette…', description: 'Find any command by name', synonyms: ['commands', 'actions'], shortcut: 'CmdOrCtrl+K', menu: 'view' },
  { id: 'view.transcript', label: 'Show Transcript', shortcut: 'CmdOrCtrl+1', menu: 'view', needsProject: true },
  { id: 'view.codebook', label: 'Show Codebook', synonyms: ['codes', 'categories', 'themes', 'tree'], shortcut: 'CmdOrCtrl+2', menu: 'view', needsProject: true },
  { id: 'view.audit', label: 'Show Audit Log', synonyms: ['history', 'changes'], shortcut: 'CmdOrCtrl+3', menu: 'view', needsProject: true },
  { id: 'view.table', label: 'Show Abstraction Table', synonyms: ['condensations'], shortcut: 'CmdOrCtrl+4', menu: 'view', needsProject: true },
  { id: 'view.documents', label: 'Show Documents', synonyms: ['transcripts', 'files'], menu: 'view', needsProject: true },
  { id: 'view.participants', label: 'Show Participants', synonyms: ['speakers', 'attributes', 'people'], menu: 'view', needsProject: true },
  { id: 'view.toggleTheme', label: 'Toggle Dark Theme', synonyms: ['light', 'colour', 'color', 'night'], menu: 'view' },
  { id: 'help.keys', label: 'Keyboard Shortcuts', description: 'The keys of the screen in use', synonyms: ['keys', 'hotkeys', 'help'], shortcut: '?', menu: 'help' },
  { id: 'help.about', label: 'About Condensa', synonyms: ['version'], menu: 'help' },
] as const satisfies readonly CommandDescriptor[];

export type CommandId = (typeof COMMANDS)[number]['id'];

export const MENUS: readonly { readonly name: MenuName; readonly label: string }[] = [
  { name: 'file', label: 'File' },
  { name: 'edit', label: 'Edit' },
  { name: 'coding', label: 'Coding' },
  { name: 'analysis', label: 'Analysis' },
  { name: 'view', label: 'View' },
  { name: 'help', label: 'Help' },
];

export function commandById(id: string): CommandDescriptor | undefined {
  return (COMMANDS as readonly CommandDescriptor[]).find((c) => c.id === id);
}

export function commandsOfMenu(menu: MenuName): readonly CommandDescriptor[] {
  return (COMMANDS as readonly CommandDescriptor[]).filter((c) => c.menu === menu);
}

/** The key a command answers to in this mode: browsers keep Ctrl+N, W and T for themselves. */
export function shortcutFor(command: CommandDescriptor, inBrowser: boolean): string | undefined {
  return inBrowser && command.browserShortcut ? command.browserShortcut : command.shortcut;
}

/** Whether a shortcut is a single key with no modifier (acts only on its surface, never while typing). */
export function isPlainKey(shortcut: string): boolean {
  return !shortcut.includes('+') || shortcut === '+';
}

function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * How well a typed query finds a command: every word typed must begin a word of its label,
 * description or synonyms ("split" finds "Split Meaning Unit at Cursor", "copy" the hand-out).
 * Label words count most. Null when some word is found nowhere.
 */
export function commandMatch(query: string, command: CommandDescriptor): number | null {
  const typed = wordsOf(query);
  if (typed.length === 0) return 0;
  const label = wordsOf(command.label);
  const other = wordsOf([command.description ?? '', ...(command.synonyms ?? [])].join(' '));
  let score = 0;
  for (const w of typed) {
    if (label.some((l) => l === w)) score += 4;
    else if (label.some((l) => l.startsWith(w))) score += 3;
    else if (other.some((o) => o.startsWith(w))) score += 1;
    else return null;
  }
  return score;
}
