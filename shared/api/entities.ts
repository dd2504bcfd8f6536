import { z } from 'zod';
import { filePath } from './file-paths';
import {
  ATTRIBUTE_TYPES,
  CODER_ROLES,
  DOCUMENT_KINDS,
  MEMO_TARGETS,
  METHODOLOGIES,
  NODE_LEVELS,
  THEME_STATUSES,
} from '../domain/vocabulary';

export const Id = z.string().min(1).max(100);
/** An export may replace an existing file only when the user confirmed it (the app asked, or the CLI's --force). */
export const Overwrite = z.boolean().default(false);
export const Offset = z.number().int().min(0);
export const Colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #3366cc');

export const Methodology = z.enum(METHODOLOGIES);
export const DocumentKind = z.enum(DOCUMENT_KINDS);
export const NodeLevel = z.enum(NODE_LEVELS);
export const AttributeType = z.enum(ATTRIBUTE_TYPES);
export const CoderRole = z.enum(CODER_ROLES);
export const MemoTarget = z.enum(MEMO_TARGETS);
export const ThemeStatus = z.enum(THEME_STATUSES);

export const ProjectSettings = z.object({
  title: z.string(),
  description: z.string(),
  methodology: Methodology,
  blind: z.boolean(),
  agreementEnabled: z.boolean(),
  allowMultipleParents: z.boolean(),
  allowUnitsAcrossTurns: z.boolean(),
});
export type ProjectSettings = z.infer<typeof ProjectSettings>;

export const Counts = z.object({
  coders: z.number(),
  documents: z.number(),
  documentGroups: z.number(),
  participants: z.number(),
  attributes: z.number(),
  turns: z.number(),
  meaningUnits: z.number(),
  codebookNodes: z.number(),
  codes: z.number(),
  codings: z.number(),
  resolutions: z.number(),
  quotes: z.number(),
  memos: z.number(),
  journalEntries: z.number(),
  auditSteps: z.number(),
});
export type Counts = z.infer<typeof Counts>;

export const ProjectSummary = z.object({
  id: Id,
  path: z.string(),
  schemaVersion: z.number(),
  settings: ProjectSettings,
  counts: Counts,
  currentCoderId: Id.nullable(),
  lastDocumentId: Id.nullable(),
  lastUnitId: Id.nullable(),
  /** Codebook nodes the user collapsed in the tree. */
  collapsedNodeIds: z.array(Id),
  migratedFrom: z.number().nullable(),
  /** Set when this is a read-only copy of a project another program holds: the held project's path. */
  readOnlyCopyOf: z.string().nullable(),
});
export type ProjectSummary = z.infer<typeof ProjectSummary>;

export const Coder = z.object({ id: Id, name: z.string(), initials: z.string(), colour: z.string(), role: CoderRole });
export type Coder = z.infer<typeof Coder>;

export const DocumentGroup = z.object({ id: Id, name: z.string(), sort: z.number() });
export type DocumentGroup = z.infer<typeof DocumentGroup>;

export const SessionMeta = z.object({
  sessionName: z.string(),
  sessionDate: z.string().nullable(),
  facilitator: z.string(),
  durationMinutes: z.number().nullable(),
  notes: z.string(),
});
export type SessionMeta = z.infer<typeof SessionMeta>;

export const DocumentSummary = SessionMeta.extend({
  id: Id,
  title: z.string(),
  kind: DocumentKind,
  groupId: Id.nullable(),
  sourceName: z.string().nullable(),
  length: z.number(),
  turns: z.number(),
  units: z.number(),
  codedUnits: z.number(),
  sort: z.number(),
  /** The study's number in the author's reference list (meta-synthesis: "teamwork skills (45, 53, 79)"); null until set. */
  reference: z.string().nullable(),
});
export type DocumentSummary = z.infer<typeof DocumentSummary>;

export const Turn = z.object({
  id: Id,
  participantId: Id.nullable(),
  speakerLabel: z.string().nullable(),
  start: Offset,
  end: Offset,
  timestamp: z.string().nullable(),
  isFacilitator: z.boolean(),
  /** Marked in the app as not speech (a title, a note, a stage direction): shown, never a meaning unit. */
  notSpeech: z.boolean(),
});
export type Turn = z.infer<typeof Turn>;

export const MeaningUnit = z.object({
  id: Id,
  documentId: Id,
  start: Offset,
  end: Offset,
  condensed: z.string(),
  interpretive: z.string(),
  /** Counts the edits of the condensations: an edit names the version it was made from (see EDIT_CONFLICT). */
  version: z.number().int(),
});
export type MeaningUnit = z.infer<typeof MeaningUnit>;

export const Coding = z.object({
  id: Id,
  codeId: Id,
  coderId: Id,
  documentId: Id,
  unitId: Id.nullable(),
  start: Offset.nullable(),
  end: Offset.nullable(),
});
export type Coding = z.infer<typeof Coding>;

export const DocumentDetail = z.object({
  document: DocumentSummary,
  text: z.string(),
  turns: z.array(Turn),
  units: z.array(MeaningUnit),
  codings: z.array(Coding),
});
export type DocumentDetail = z.infer<typeof DocumentDetail>;

export const Attribute = z.object({ id: Id, name: z.string(), type: AttributeType, choices: z.array(z.string()), sort: z.number() });
export type Attribute = z.infer<typeof Attribute>;

export const Participant = z.object({
  id: Id,
  label: z.string(),
  pseudonym: z.string(),
  notes: z.string(),
  values: z.record(z.string(), z.string()),
  documentIds: z.array(Id),
  turns: z.number(),
});
export type Participant = z.infer<typeof Participant>;

export const CodebookNode = z.object({
  id: Id,
  level: NodeLevel,
  name: z.string(),
  definition: z.string(),
  inclusion: z.string(),
  exclusion: z.string(),
  exampleUnitId: Id.nullable(),
  colour: z.string(),
  shortcut: z.string().nullable(),
  status: ThemeStatus.nullable(),
  parentIds: z.array(Id),
  sort: z.number(),
  codings: z.number(),
});
export type CodebookNode = z.infer<typeof CodebookNode>;

export const AuditStep = z.object({
  id: Id,
  seq: z.number(),
  at: z.string(),
  coderId: Id.nullable(),
  coderName: z.string().nullable(),
  method: z.string(),
  summary: z.string(),
  changes: z.number(),
});
export type AuditStep = z.infer<typeof AuditStep>;

export const AuditChange = z.object({
  table: z.string(),
  rowId: z.string(),
  op: z.enum(['insert', 'update', 'delete']),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditChange = z.infer<typeof AuditChange>;

export const HistoryState = z.object({
  canUndo: z.boolean(),
  canRedo: z.boolean(),
  undoLabel: z.string().nullable(),
  redoLabel: z.string().nullable(),
  /** When the step undo would take back was made, if that was in an earlier session (before the project was last opened). */
  undoEarlierAt: z.string().nullable(),
  redoEarlierAt: z.string().nullable(),
});
export type HistoryState = z.infer<typeof HistoryState>;

/** After an undo or redo: the state, and the step it took back or made again. */
export const HistoryMove = HistoryState.extend({
  did: z.object({ summary: z.string(), earlierAt: z.string().nullable() }),
});
export type HistoryMove = z.infer<typeof HistoryMove>;

export const RecentProject = z.object({ path: filePath(z.string()), title: z.string(), openedAt: z.string(), exists: z.boolean() });
export type RecentProject = z.infer<typeof RecentProject>;
