import { z } from 'zod';
import { filePath } from '../file-paths';
import { CodebookNode, Coding, Id, MeaningUnit, NodeLevel, Offset, Overwrite } from '../entities';
import { command, query } from '../method';

const CodeIds = z.array(Id).min(1).max(200);
const UnitIds = z.array(Id).min(1).max(50_000);

/** Units from one to another in document order, both included. */
const UnitRange = z.object({ documentId: Id, fromUnitId: Id, toUnitId: Id });

const UnitTarget = z
  .object({ unitIds: UnitIds.optional(), range: UnitRange.optional() })
  .refine((t) => t.unitIds !== undefined || t.range !== undefined, 'unitIds or a range of units');

export const CodingChange = z.object({
  added: z.array(Coding),
  removed: z.array(Id),
  /** Codings asked for that the coder had already applied. */
  unchanged: z.number(),
});
export type CodingChange = z.infer<typeof CodingChange>;

export const NodeRef = z.object({ id: Id, name: z.string(), colour: z.string() });
export type NodeRef = z.infer<typeof NodeRef>;

export const AbstractionRow = z.object({
  unitId: Id,
  documentId: Id,
  documentTitle: z.string(),
  start: z.number(),
  end: z.number(),
  speaker: z.string().nullable(),
  participantId: Id.nullable(),
  pseudonym: z.string().nullable(),
  text: z.string(),
  condensed: z.string(),
  interpretive: z.string(),
  /** The unit's version (see MeaningUnit): an edit in the table names it. */
  version: z.number().int(),
  codes: z.array(NodeRef.extend({ coderId: Id })),
  /** One list per level above codes, aligned with `columns` of the table. */
  levels: z.array(z.array(NodeRef)),
});
export type AbstractionRow = z.infer<typeof AbstractionRow>;

export const ABSTRACTION_SORTS = ['position', 'document', 'speaker', 'text', 'condensed', 'codes', 'level0', 'level1', 'level2', 'level3'] as const;
export type AbstractionSort = (typeof ABSTRACTION_SORTS)[number];

export const AbstractionFilter = z.object({
  documentIds: z.array(Id).optional(),
  participantIds: z.array(Id).optional(),
  /** Participants whose attribute has this value (all pairs must hold). */
  attributes: z.array(z.object({ attributeId: Id, value: z.string() })).optional(),
  /** Units coded with one of these nodes or anything beneath them. */
  nodeIds: z.array(Id).optional(),
  /** Whose codings fill the table: the current coder (default), everyone, or one coder. Blind mode always shows the current coder. */
  coder: z.union([z.literal('current'), z.literal('all'), Id]).default('current'),
  /** Leave out units without codings. */
  codedOnly: z.boolean().default(false),
  sortBy: z.enum(ABSTRACTION_SORTS).default('position'),
  descending: z.boolean().default(false),
});
export type AbstractionFilter = z.input<typeof AbstractionFilter>;

export const AbstractionTable = z.object({
  /** The levels above codes, nearest first (subcategory, category, theme for content analysis). */
  columns: z.array(NodeLevel),
  rows: z.array(AbstractionRow),
});
export type AbstractionTable = z.infer<typeof AbstractionTable>;

const ExportPath = filePath().optional();

export const codingMethods = {
  'codings.apply': command(
    'Applies one or more codes to meaning units, as the current coder',
    z.object({ target: UnitTarget, codeIds: CodeIds }),
    CodingChange,
  ),
  'codings.applySpan': command(
    'Applies one or more codes to a free span of a document, as the current coder',
    z.object({ documentId: Id, start: Offset, end: Offset, codeIds: CodeIds }),
    CodingChange,
  ),
  'codings.remove': command(
    'Removes the current coder’s codings: by id, or these codes from these units',
    z.object({ codingIds: z.array(Id).max(50_000).optional(), target: UnitTarget.optional(), codeIds: CodeIds.optional() }),
    CodingChange,
  ),
  'codings.replace': command(
    'Replaces the current coder’s codes on units: one code by others, or all of them',
    z.object({ target: UnitTarget, codeIds: z.array(Id).max(200), fromCodeId: Id.optional() }),
    CodingChange,
  ),
  'codings.inVivo': command(
    'Makes a code named with the selected words and codes the unit (or span) with it',
    z.object({
      documentId: Id,
      start: Offset,
      end: Offset,
      name: z.string().trim().min(1).max(200).optional(),
      parentId: Id.nullable().default(null),
      /** Code the meaning unit holding the words (default when there is one) or just the words. */
      target: z.enum(['unit', 'span']).optional(),
    }),
    z.object({ node: CodebookNode, change: CodingChange }),
  ),
  'codings.forDocument': query(
    'The codings of one document (only the current coder’s in blind mode)',
    z.object({ documentId: Id }),
    z.array(Coding),
  ),
  'units.condense': command(
    'Writes the condensed meaning unit (descriptive and interpretive)',
    z.object({
      unitId: Id,
      condensed: z.string().max(20_000).optional(),
      interpretive: z.string().max(20_000).optional(),
      /** The unit's version the edit was made from; another edit since then refuses it (EDIT_CONFLICT). */
      version: z.number().int().min(0).optional(),
    }),
    MeaningUnit,
  ),
  'table.abstraction': query('The abstraction table: one row per meaning unit, from its text up to its theme', AbstractionFilter, AbstractionTable),
  'table.exportCsv': query(
    'Writes the abstraction table as CSV (to a file when a path is given) and returns the text',
    AbstractionFilter.extend({ path: ExportPath, overwrite: Overwrite }),
    z.object({ csv: z.string(), path: z.string().nullable(), rows: z.number() }),
  ),
  'audit.exportCsv': query(
    'Writes the audit log as CSV, one line per changed row with its before and after',
    z.object({ path: ExportPath, overwrite: Overwrite }),
    z.object({ csv: z.string(), path: z.string().nullable(), steps: z.number() }),
  ),
} as const;
