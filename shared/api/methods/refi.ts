import { z } from 'zod';
import { filePath } from '../file-paths';
import { Methodology, NodeLevel, Overwrite, ProjectSummary } from '../entities';
import { appMethod, command, query } from '../method';

const FilePath = filePath(z.string().trim().min(1).max(4096));
// Browser mode sends files as base64 over the socket (64 MB per message).
const Base64 = z.string().min(1).max(90_000_000);

export const RefiReportItem = z.object({
  kind: z.enum(['converted', 'skipped', 'note']),
  message: z.string(),
  count: z.number().int(),
  /** A stable name for what was repaired in the file (a codebook spreadsheet's loops, missing parents…), for tests and scripts. */
  code: z.string().optional(),
});
export type RefiReportItem = z.infer<typeof RefiReportItem>;

export const RefiPositions = z.object({
  unit: z.enum(['code-points', 'utf16']),
  newlines: z.enum(['as-in-source', 'normalized']),
  selections: z.number().int(),
  onWordBoundaries: z.number().int(),
  explanation: z.string(),
});
export type RefiPositions = z.infer<typeof RefiPositions>;

/** What an import brought in, converted and left behind. */
export const RefiImportReport = z.object({
  origin: z.string().nullable(),
  /** True when the file carried Condensa's exchange record (a Condensa export). */
  fromCondensa: z.boolean(),
  counts: z.record(z.string(), z.number()),
  positions: RefiPositions.nullable(),
  items: z.array(RefiReportItem),
});
export type RefiImportReport = z.infer<typeof RefiImportReport>;

const ExportResult = z.object({
  path: z.string(),
  bytes: z.number().int(),
  counts: z.record(z.string(), z.number()),
  notes: z.array(z.string()),
  /** The file itself, when asked for (browser mode offers it as a download). */
  base64: z.string().nullable(),
});

/**
 * How levels above codes are found on import: auto reads Condensa's "[Category]" prefixes when the
 * file has them, else the tree; descriptions reads only the prefixes; depth only the tree (non-codable
 * parents and nesting, bottom-up: subcategory, category, theme); none makes every node a code.
 */
export const LEVEL_MODES = ['auto', 'descriptions', 'depth', 'none'] as const;
export type LevelMode = (typeof LEVEL_MODES)[number];

/** Where a node's level came from: Condensa's record, a description prefix, a spreadsheet's level column, the tree, none (a code), the user. */
export const LEVEL_BASES = ['record', 'description', 'column', 'depth', 'none', 'chosen', 'existing'] as const;
export type LevelBasis = (typeof LEVEL_BASES)[number];

/** What a column of a codebook spreadsheet holds; ignore leaves it unread. */
export const SHEET_COLUMN_ROLES = ['name', 'path', 'parent', 'level', 'definition', 'inclusion', 'exclusion', 'example', 'colour', 'id', 'ignore'] as const;
export type SheetColumnRole = (typeof SHEET_COLUMN_ROLES)[number];

const LevelOptions = z.object({
  levels: z.enum(LEVEL_MODES).default('auto'),
  /** The user's corrections from the preview: code GUID → level. */
  levelOverrides: z.record(z.string().max(100), NodeLevel).optional(),
  /** A codebook spreadsheet (.csv, .xlsx): the user's choice of what a column holds, by column number (0-based); the rest go by their headers. */
  columns: z.record(z.string().regex(/^\d{1,4}$/), z.enum(SHEET_COLUMN_ROLES)).optional(),
});

/** How a codebook spreadsheet was read: each column's header and role, and whether the role came from the header. */
export const SheetLayout = z.object({
  columns: z.array(z.object({ header: z.string(), role: z.enum(SHEET_COLUMN_ROLES), recognised: z.boolean(), sample: z.string() })),
  /** How the tree was found: a path column, a parent column, the order of levels, or none (a flat list). */
  shape: z.enum(['path', 'parent', 'outline', 'flat']),
  rows: z.number().int(),
});
export type SheetLayout = z.infer<typeof SheetLayout>;

export const RefiLevelNode = z.object({
  guid: z.string(),
  parentGuid: z.string().nullable(),
  name: z.string(),
  depth: z.number().int(),
  level: NodeLevel,
  basis: z.enum(LEVEL_BASES),
  codable: z.boolean(),
  /** For a codebook added to a project: a new node, or one the project has (same GUID, or same name on request). */
  match: z.enum(['new', 'guid', 'name']),
  /** A spreadsheet named this node only as a parent (in a path or the parent column): it is created. */
  created: z.boolean().optional(),
});
export type RefiLevelNode = z.infer<typeof RefiLevelNode>;

/** The codebook as it will come in, before anything is written: what the import dialog shows and lets the user correct. */
export const RefiLevelPreview = z.object({
  origin: z.string().nullable(),
  methodology: Methodology,
  /** The rule used (auto resolved to descriptions or depth). */
  mode: z.enum(['descriptions', 'depth', 'none']),
  nodes: z.array(RefiLevelNode),
  /** Nodes left out of `nodes` (a preview shows the first 5,000). */
  more: z.number().int(),
  notes: z.array(z.string()),
  /** For a spreadsheet: how its columns were read (the dialog lets the user correct them). */
  sheet: SheetLayout.nullable(),
});
export type RefiLevelPreview = z.infer<typeof RefiLevelPreview>;

export const CODEBOOK_FORMATS = ['qdc', 'csv', 'xlsx'] as const;
export type CodebookFormat = (typeof CODEBOOK_FORMATS)[number];

const Source = z
  .object({ sourcePath: FilePath.optional(), base64: Base64.optional(), fileName: z.string().max(400).optional() })
  .refine((s) => (s.sourcePath === undefined) !== (s.base64 === undefined), { message: 'give either sourcePath or base64' });

export const refiMethods = {
  'refi.exportProject': query(
    'Writes the open project as a REFI-QDA project (.qdpx)',
    z.object({ path: FilePath, includeBytes: z.boolean().default(false), overwrite: Overwrite }),
    ExportResult,
  ),
  'refi.exportCodebook': query(
    'Writes the codebook as a REFI-QDA codebook (.qdc), or as a spreadsheet (.csv, .xlsx: one row per node with its path, level, definition, criteria, example and colour)',
    z.object({ path: FilePath, format: z.enum(CODEBOOK_FORMATS).default('qdc'), includeBytes: z.boolean().default(false), overwrite: Overwrite }),
    ExportResult,
  ),
  'refi.previewLevels': appMethod(
    'Reads the codebook of a REFI-QDA project or codebook, or a codebook spreadsheet, and says which level each node would get, writing nothing',
    z.intersection(
      Source,
      LevelOptions.extend({
        /** A project becomes a new file; a codebook is added to the open project (merged with its codes). */
        kind: z.enum(['project', 'codebook']),
        methodology: Methodology.optional(),
        matchByName: z.boolean().default(false),
      }),
    ),
    RefiLevelPreview,
  ),
  'refi.importProject': appMethod(
    'Reads a REFI-QDA project (.qdpx) into a new project file and opens it',
    z.intersection(Source, LevelOptions.extend({ targetPath: FilePath, methodology: Methodology.optional() })),
    z.object({ project: ProjectSummary, report: RefiImportReport }),
  ),
  'refi.importCodebook': command(
    'Adds the codes of a REFI-QDA codebook (.qdc, or the codebook of a .qdpx) or a codebook spreadsheet (.csv, .xlsx) to the open project: codes it has (same GUID, or same name when asked) are kept, new ones go under them',
    z.intersection(Source, LevelOptions.extend({ matchByName: z.boolean().default(false) })),
    z.object({ report: RefiImportReport }),
  ),
} as const;
