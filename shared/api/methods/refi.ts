import { z } from 'zod';
import { Methodology, Overwrite, ProjectSummary } from '../entities';
import { appMethod, command, query } from '../method';

const FilePath = z.string().trim().min(1).max(4096);
// Browser mode sends files as base64 over the socket (64 MB per message).
const Base64 = z.string().min(1).max(90_000_000);

export const RefiReportItem = z.object({
  kind: z.enum(['converted', 'skipped', 'note']),
  message: z.string(),
  count: z.number().int(),
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
    'Writes the codebook as a REFI-QDA codebook (.qdc)',
    z.object({ path: FilePath, includeBytes: z.boolean().default(false), overwrite: Overwrite }),
    ExportResult,
  ),
  'refi.importProject': appMethod(
    'Reads a REFI-QDA project (.qdpx) into a new project file and opens it',
    z.intersection(Source, z.object({ targetPath: FilePath, methodology: Methodology.optional() })),
    z.object({ project: ProjectSummary, report: RefiImportReport }),
  ),
  'refi.importCodebook': command(
    'Adds the codes of a REFI-QDA codebook (.qdc, or the codebook of a .qdpx) to the open project',
    Source,
    z.object({ report: RefiImportReport }),
  ),
} as const;
