import { z } from 'zod';
import { CodebookNode, Colour, Id, NodeLevel, ThemeStatus } from '../entities';
import { command, query } from '../method';

const Name = z.string().trim().min(1, 'a name').max(200);
const LongText = z.string().max(20_000);
const Shortcut = z
  .string()
  .regex(/^[0-9a-zA-Z]$/, 'one letter or digit')
  .nullable();

const NodeFields = {
  name: Name,
  definition: LongText.optional(),
  inclusion: LongText.optional(),
  exclusion: LongText.optional(),
  colour: Colour.optional(),
  shortcut: Shortcut.optional(),
  status: ThemeStatus.nullable().optional(),
};

/** Units, participants and documents under a node (its own codings and its descendants'). */
export const NodeCounts = z.object({
  nodeId: Id,
  codings: z.number(),
  units: z.number(),
  /** Passages coded outside meaning units (free spans), each counted once whoever coded it. */
  passages: z.number(),
  participants: z.number(),
  documents: z.number(),
});
export type NodeCounts = z.infer<typeof NodeCounts>;

/** Units and free passages under a node for each coder apart (the consensus is a coder too). */
export const NodeCountsPerCoder = z.object({
  nodeId: Id,
  coders: z.array(z.object({ coderId: Id, units: z.number(), passages: z.number() })),
});
export type NodeCountsPerCoder = z.infer<typeof NodeCountsPerCoder>;

export const RetrievedUnit = z.object({
  unitId: Id,
  documentId: Id,
  documentTitle: z.string(),
  sessionName: z.string(),
  sessionDate: z.string().nullable(),
  start: z.number(),
  end: z.number(),
  text: z.string(),
  condensed: z.string(),
  speaker: z.string().nullable(),
  participantId: Id.nullable(),
  pseudonym: z.string().nullable(),
  /** Attribute name → value for the speaking participant. */
  attributes: z.record(z.string(), z.string()),
  /** The codes under the node this unit carries, with who applied them. */
  codings: z.array(z.object({ id: Id, codeId: Id, coderId: Id })),
  quote: z.boolean(),
});
export type RetrievedUnit = z.infer<typeof RetrievedUnit>;

export const Retrieval = z.object({
  node: CodebookNode,
  counts: NodeCounts,
  units: z.array(RetrievedUnit),
  /** Meaning units under the node per coder (the consensus is a coder too), in the coders' order; only the visible coder in blind mode. */
  unitsPerCoder: z.array(z.object({ coderId: Id, units: z.number() })),
  /** Free-span codings under the node (thematic analysis), with their text. */
  spans: z.array(z.object({ codingId: Id, documentId: Id, documentTitle: z.string(), start: z.number(), end: z.number(), text: z.string(), codeId: Id, coderId: Id })),
});
export type Retrieval = z.infer<typeof Retrieval>;

/**
 * Where moving nodes go, named by nodes rather than by positions, so that moves sent faster than
 * the tree is redrawn each land where the user meant: before or after a node (under the parent its
 * row shows it under), first or last inside a node (null: the top of the codebook), or one step
 * from where they stand (up or down among their siblings, out of their parent, in under the sibling above).
 */
export const MoveTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(['before', 'after']), nodeId: Id, parentId: Id.nullable().optional() }),
  z.object({ kind: z.literal('inside'), nodeId: Id.nullable(), at: z.enum(['first', 'last']).default('last') }),
  z.object({ kind: z.enum(['up', 'down', 'outdent', 'indent']) }),
]);
export type MoveTarget = z.infer<typeof MoveTarget>;

export const codebookMethods = {
  'codebook.create': command(
    'Adds a code, subcategory, category or theme',
    z.object({
      ...NodeFields,
      level: NodeLevel.default('code'),
      parentId: Id.nullable().default(null),
      /** Position among its siblings; at the end when left out. */
      index: z.number().int().min(0).optional(),
    }),
    CodebookNode,
  ),
  'codebook.update': command(
    'Changes a node’s name, definition, criteria, colour, shortcut, status, level or example',
    z.object({
      id: Id,
      ...NodeFields,
      name: Name.optional(),
      level: NodeLevel.optional(),
      exampleUnitId: Id.nullable().optional(),
    }),
    CodebookNode,
  ),
  'codebook.move': command(
    'Moves nodes to a place named by other nodes (before or after one, inside one, one step up, down, out or in); the core finds the place in the tree as it is when the command runs',
    z.object({
      /** The nodes that move, in this order; each with the parent its row showed it under (needed when it has several). */
      nodes: z
        .array(z.object({ id: Id, fromParentId: Id.nullable().optional() }))
        .min(1)
        .max(1000),
      to: MoveTarget,
      /** Keep the current parents and add the new one (only when the project allows several parents). */
      addParent: z.boolean().default(false),
    }),
    z.object({
      nodes: z.array(CodebookNode),
      /** The parent they went under (null: the top). */
      parentId: Id.nullable(),
      /** What happened, in a sentence for the status line ("Moved “Year gap” to place 2 under “Belonging”."). */
      said: z.string(),
    }),
  ),
  'codebook.unlink': command(
    'Takes a node out of one of its several parents',
    z.object({ id: Id, parentId: Id }),
    z.array(CodebookNode),
  ),
  'codebook.merge': command(
    'Merges one code (or several) into another: their codings, quotes and memos move to the target; duplicates collapse',
    z.object({ sourceId: Id, targetId: Id, /** Further codes merged into the target in the same step. */ alsoSourceIds: z.array(Id).max(1000).default([]) }),
    z.object({ target: CodebookNode, movedCodings: z.number(), collapsedCodings: z.number() }),
  ),
  'codebook.split': command(
    'Splits a code: new codes are made under the same parents and the given codings move to them',
    z.object({
      id: Id,
      parts: z
        .array(z.object({ name: Name, colour: Colour.optional(), codingIds: z.array(Id) }))
        .min(1)
        .max(20),
      /** Delete the original when no codings are left on it. */
      removeEmptyOriginal: z.boolean().default(false),
    }),
    z.object({ created: z.array(CodebookNode), movedCodings: z.number(), originalRemoved: z.boolean() }),
  ),
  'codebook.deletePreview': query(
    'What deleting a node would take with it',
    z.object({ id: Id, withChildren: z.boolean().default(false) }),
    z.object({ nodes: z.number(), codings: z.number(), quotes: z.number(), memos: z.number(), children: z.number() }),
  ),
  'codebook.delete': command(
    'Deletes a node with its codings (its children move up to its parent unless deleted with it)',
    z.object({ id: Id, withChildren: z.boolean().default(false) }),
    z.object({ nodes: z.number(), codings: z.number(), quotes: z.number(), memos: z.number() }),
  ),
  'codebook.counts': query(
    'Units, participants and documents under every node, of these coders’ codings (all, the consensus included, when left out; only one’s own in blind mode)',
    z.object({ coderIds: z.array(Id).max(1000).optional() }),
    z.array(NodeCounts),
  ),
  'codebook.countsPerCoder': query(
    'Units and passages under every node for each coder apart, the consensus included, in the coders’ order (only one’s own in blind mode)',
    z.object({}),
    z.array(NodeCountsPerCoder),
  ),
  'codebook.rememberCollapsed': query(
    'Remembers which nodes of the codebook tree are collapsed, to show them so on reopening (a view, not an undoable step)',
    z.object({ nodeIds: z.array(Id).max(100_000) }),
    z.object({ ok: z.boolean() }),
  ),
  'codebook.retrieve': query(
    'Every unit under a node, with its text, speaker, pseudonym, session and attributes',
    z.object({ nodeId: Id, limit: z.number().int().min(1).max(50_000).default(2_000) }),
    Retrieval,
  ),
  'quotes.set': command(
    'Marks or unmarks a unit as an exemplar quote for a node',
    z.object({ nodeId: Id, unitId: Id, quote: z.boolean() }),
    z.object({ nodeId: Id, unitId: Id, quote: z.boolean() }),
  ),
  'quotes.list': query(
    'Exemplar quotes, per node',
    z.object({ nodeId: Id.optional() }),
    z.array(z.object({ id: Id, nodeId: Id, unitId: Id, documentId: Id, text: z.string(), sort: z.number() })),
  ),
} as const;
