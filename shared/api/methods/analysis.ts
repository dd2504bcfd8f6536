import { z } from 'zod';
import { filePath } from '../file-paths';
import { CodebookNode, Colour, Id, NodeLevel, Overwrite, ThemeStatus } from '../entities';
import { command, query } from '../method';

/** Whose codings an analysis counts: the current coder, the consensus, every coder (not the consensus), or one coder. */
export const CoderChoice = z.union([z.enum(['current', 'consensus', 'all']), Id]);
export type CoderChoice = z.infer<typeof CoderChoice>;

/** The one filter every analysis view takes: whose codings, and which documents, groups and speakers. */
export const AnalysisFilter = z.object({
  coder: CoderChoice.default('current'),
  documentIds: z.array(Id).max(10_000).optional(),
  /** Document groups; "" stands for documents in no group. */
  groupIds: z.array(z.string().max(100)).max(1_000).optional(),
  /** Speakers whose attribute holds one of the values; several attributes must all hold. */
  attributes: z.array(z.object({ attributeId: Id, values: z.array(z.string().max(2_000)).min(1).max(1_000) })).max(50).optional(),
});
export type AnalysisFilter = z.input<typeof AnalysisFilter>;
export type ParsedAnalysisFilter = z.output<typeof AnalysisFilter>;

const FilterParam = AnalysisFilter.prefault({});

/** What the columns of a table split by: none, a participant attribute (of the speaker), the document group, the document. */
export const Split = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('attribute'), attributeId: Id }),
  z.object({ kind: z.literal('group') }),
  z.object({ kind: z.literal('document') }),
]);
export type Split = z.infer<typeof Split>;

export const SplitColumn = z.object({ key: z.string(), label: z.string() });
export type SplitColumn = z.infer<typeof SplitColumn>;

export const Tally = z.object({ codings: z.number(), units: z.number(), participants: z.number(), documents: z.number() });
export type Tally = z.infer<typeof Tally>;

export const AnalysisNode = z.object({ nodeId: Id, name: z.string(), level: NodeLevel, colour: z.string(), depth: z.number(), parentIds: z.array(Id) });
export type AnalysisNode = z.infer<typeof AnalysisNode>;

export const FrequencyRow = AnalysisNode.extend({
  total: Tally,
  /** One tally per column of the split, in the order of `columns`. */
  byColumn: z.array(Tally),
  /** Order numbers (1-based, in document order) of the documents that support the node. */
  sources: z.array(z.number()),
});
export type FrequencyRow = z.infer<typeof FrequencyRow>;

export const Frequencies = z.object({ columns: z.array(SplitColumn), rows: z.array(FrequencyRow), source: z.string() });
export type Frequencies = z.infer<typeof Frequencies>;

export const SourceRow = z.object({
  nodeId: Id,
  name: z.string(),
  level: NodeLevel,
  documents: z.array(z.object({ documentId: Id, number: z.number(), title: z.string() })),
  /** As a meta-synthesis prints it: "empathic (36–38)". */
  label: z.string(),
});
export type SourceRow = z.infer<typeof SourceRow>;

export const MATRIX_MEASURES = ['units', 'participants', 'codings'] as const;
export type MatrixMeasure = (typeof MATRIX_MEASURES)[number];

export const MatrixOptions = z.object({
  filter: FilterParam,
  /** The level of the rows: codes, or a level above them (each row counts everything beneath it). */
  level: NodeLevel.default('code'),
  columns: Split.default({ kind: 'group' }),
  measure: z.enum(MATRIX_MEASURES).default('units'),
});
export type MatrixOptions = z.input<typeof MatrixOptions>;

export const MatrixCell = z.object({ count: z.number(), unitIds: z.array(Id) });
export type MatrixCell = z.infer<typeof MatrixCell>;

export const Matrix = z.object({
  rows: z.array(AnalysisNode),
  columns: z.array(SplitColumn),
  /** cells[row][column]. */
  cells: z.array(z.array(MatrixCell)),
  /** Distinct units (participants) over a row's columns; codings are summed. */
  rowTotals: z.array(z.number()),
  /** Distinct units (participants) in a column over all rows: the base of column percentages. */
  columnTotals: z.array(z.number()),
  total: z.number(),
  measure: z.enum(MATRIX_MEASURES),
  source: z.string(),
});
export type Matrix = z.infer<typeof Matrix>;

export const CELL_DISPLAYS = ['counts', 'row', 'column'] as const;
export type CellDisplay = (typeof CELL_DISPLAYS)[number];

export const CooccurrenceOptions = z.object({
  filter: FilterParam,
  level: NodeLevel.default('code'),
  /** Codes on the same meaning unit, or codings whose text overlaps (free spans included). */
  mode: z.enum(['unit', 'overlap']).default('unit'),
});
export type CooccurrenceOptions = z.input<typeof CooccurrenceOptions>;

export const TextRange = z.object({ documentId: Id, start: z.number().int().min(0), end: z.number().int().min(0) });
export type TextRange = z.infer<typeof TextRange>;

export const CooccurrenceCell = z.object({
  /** Indexes into `nodes`, a < b. */
  a: z.number(),
  b: z.number(),
  count: z.number(),
  /** Unit mode: the overlap of the two nodes' units, count / (units of a + units of b − count). */
  jaccard: z.number().nullable(),
  unitIds: z.array(Id),
  /** Overlap mode: where the two codings overlap. */
  ranges: z.array(TextRange),
});
export type CooccurrenceCell = z.infer<typeof CooccurrenceCell>;

export const Cooccurrence = z.object({
  nodes: z.array(AnalysisNode.extend({ units: z.number() })),
  cells: z.array(CooccurrenceCell),
  mode: z.enum(['unit', 'overlap']),
  source: z.string(),
});
export type Cooccurrence = z.infer<typeof Cooccurrence>;

export const Passage = z.object({
  unitId: Id.nullable(),
  documentId: Id,
  documentTitle: z.string(),
  start: z.number(),
  end: z.number(),
  text: z.string(),
  condensed: z.string(),
  speaker: z.string().nullable(),
  pseudonym: z.string().nullable(),
});
export type Passage = z.infer<typeof Passage>;

export const MapNode = z.object({
  id: Id,
  name: z.string(),
  level: NodeLevel,
  colour: z.string(),
  status: ThemeStatus.nullable(),
  definition: z.string(),
  parentIds: z.array(Id),
  x: z.number().nullable(),
  y: z.number().nullable(),
  units: z.number(),
  renamed: z.number(),
});
export type MapNode = z.infer<typeof MapNode>;

export const NameChange = z.object({ id: Id, nodeId: Id, name: z.string(), changedAt: z.string(), coderId: Id.nullable(), coderName: z.string().nullable() });
export type NameChange = z.infer<typeof NameChange>;

const Position = z.object({ id: Id, x: z.number().finite().min(-1e6).max(1e6), y: z.number().finite().min(-1e6).max(1e6) });

/** Where an analysis table goes: its format, and a file when a path is given (else only the bytes come back). */
const ExportTo = { format: z.enum(['csv', 'xlsx']), path: filePath().optional(), overwrite: Overwrite };

/**
 * What a click in an analysis table lists: units and text ranges the table already holds, and the
 * units under a node (its codings and those of every code beneath it) counted under a filter.
 */
export const PassageQuery = z.object({
  unitIds: z.array(Id).max(50_000).default([]),
  ranges: z.array(TextRange).max(50_000).default([]),
  node: z.object({ nodeId: Id, filter: FilterParam }).optional(),
});
export type PassageQuery = z.input<typeof PassageQuery>;

export const ExportedFile = z.object({ fileName: z.string(), mime: z.string(), base64: z.string(), bytes: z.number(), path: z.string().nullable() });
export type ExportedFile = z.infer<typeof ExportedFile>;

export const analysisMethods = {
  'analysis.frequencies': query(
    'Units, participants and documents under every codebook node, split by an attribute, group or document',
    z.object({ filter: FilterParam, split: Split.default({ kind: 'none' }) }),
    Frequencies,
  ),
  'analysis.sources': query(
    'Which documents support each node, as a meta-synthesis lists them ("empathic (36–38)")',
    z.object({ filter: FilterParam, level: NodeLevel.optional() }),
    z.array(SourceRow),
  ),
  'analysis.matrix': query('A node × attribute value (group, document) matrix with the units of every cell', MatrixOptions, Matrix),
  'analysis.exportMatrix': query(
    'Writes the matrix as CSV or XLSX (to a file when a path is given) and returns the bytes',
    MatrixOptions.extend({ display: z.enum(CELL_DISPLAYS).default('counts'), ...ExportTo }),
    ExportedFile,
  ),
  'analysis.cooccurrence': query('Which nodes are applied together, with the units of every pair', CooccurrenceOptions, Cooccurrence),
  'analysis.exportCooccurrence': query(
    'Writes the co-occurrence pairs as CSV or XLSX (to a file when a path is given) and returns the bytes',
    CooccurrenceOptions.extend(ExportTo),
    ExportedFile,
  ),
  'analysis.passages': query('The text, speaker and condensation of units and text ranges, in document order', PassageQuery, z.array(Passage)),
  'analysis.map': query('The thematic map: nodes above the codes (codes too when asked), their saved positions and status', z.object({ filter: FilterParam, codes: z.boolean().default(true) }), z.array(MapNode)),
  'analysis.savePositions': command(
    'Saves where nodes sit on the thematic map',
    z.object({ positions: z.array(Position).min(1).max(10_000) }),
    z.object({ saved: z.number() }),
  ),
  'analysis.resetPositions': command(
    'Forgets the saved map positions (of the given nodes, else of all), so they are laid out again',
    z.object({ ids: z.array(Id).max(10_000).optional() }),
    z.object({ removed: z.number() }),
  ),
  'analysis.updateTheme': command(
    'Renames a theme, or changes its review status (candidate, reviewed, defined), definition or colour',
    z.object({
      id: Id,
      name: z.string().trim().min(1, 'a name').max(200).optional(),
      status: ThemeStatus.nullable().optional(),
      definition: z.string().max(20_000).optional(),
      colour: Colour.optional(),
    }),
    CodebookNode,
  ),
  'analysis.nameHistory': query('The earlier names of a node, newest first', z.object({ nodeId: Id }), z.array(NameChange)),
} as const;
