import { z } from 'zod';
import { filePath } from '../file-paths';
import { Coder, Colour, Id } from '../entities';
import { command, query } from '../method';

/** What a coder copy says about itself: who it was made for, when and from which study. */
export const CopyOrigin = z.object({
  copyId: Id,
  projectId: Id,
  coderId: Id.nullable(),
  coderName: z.string().nullable(),
  madeAt: z.string(),
  madeBy: z.string().nullable(),
  sourcePath: z.string(),
  includeOthersCodings: z.boolean(),
});
export type CopyOrigin = z.infer<typeof CopyOrigin>;

export const MergeConflict = z.object({
  /** repaired-there: a transcript repaired in the copy (text or turns); this study's transcript is kept, theirs goes into a memo. */
  kind: z.enum(['edited-in-both', 'deleted-here-changed-there', 'duplicate', 'repaired-there']),
  table: z.string(),
  rowId: z.string(),
  /** In words, e.g. 'code “Feeling safe”' or 'meaning unit in Focus group 1 (“I just…”)'. */
  what: z.string(),
  fields: z.array(z.object({ field: z.string(), base: z.unknown(), ours: z.unknown(), theirs: z.unknown() })),
  outcome: z.string(),
  memoId: Id.nullable(),
});
export type MergeConflict = z.infer<typeof MergeConflict>;

export const MergeCount = z.object({ what: z.string(), count: z.number() });

export const MergeReport = z.object({
  path: z.string(),
  copy: CopyOrigin.nullable(),
  added: z.array(MergeCount),
  updated: z.array(MergeCount),
  removed: z.array(MergeCount),
  conflicts: z.array(MergeConflict),
  /** Things left as they are here, with why (e.g. deleted in the returned copy, kept here). */
  notices: z.array(z.string()),
  nothingNew: z.boolean(),
});
export type MergeReport = z.infer<typeof MergeReport>;

export const exchangeMethods = {
  'exchange.makeCoderCopy': query(
    'Writes a copy of the study for another coder: same units, codebook and IDs, with a record of this moment for merging back',
    z.object({
      path: filePath(z.string().trim().min(1).max(4096)),
      coderId: Id.optional(),
      /** Leave out the other coders' codings (blind coding). */
      includeOthersCodings: z.boolean().default(false),
    }),
    z.object({
      path: z.string(),
      copyId: Id,
      coderId: Id.nullable(),
      coderName: z.string().nullable(),
      codingsIncluded: z.number(),
      codingsLeftOut: z.number(),
      /** Blind copies leave out the other coders' memos (all but project memos). */
      memosLeftOut: z.number(),
      /** …and the other coders' journal entries. */
      journalEntriesLeftOut: z.number(),
    }),
  ),
  'exchange.merge': command(
    'Merges a returned coder copy: matches by ID, adds the other coder’s work, reports conflicts and keeps both sides',
    z.object({ path: filePath(z.string().trim().min(1).max(4096)) }),
    MergeReport,
  ),
  'exchange.info': query(
    'Whether this file is a coder copy, and the copies handed out from it and merged into it',
    z.object({}),
    z.object({
      copy: CopyOrigin.nullable(),
      handouts: z.array(z.object({ copyId: Id, path: filePath(z.string()), coderName: z.string().nullable(), madeAt: z.string() })),
      merges: z.array(z.object({ copyId: Id.nullable(), path: filePath(z.string()), coderName: z.string().nullable(), mergedAt: z.string(), conflicts: z.number() })),
    }),
  ),
  'coders.update': command(
    'Changes a coder’s name, initials, colour or role (coder or resolver)',
    z.object({
      id: Id,
      name: z.string().trim().min(1).max(100).optional(),
      initials: z.string().trim().min(1).max(4).optional(),
      colour: Colour.optional(),
      role: z.enum(['coder', 'resolver']).optional(),
    }),
    Coder,
  ),
} as const;
