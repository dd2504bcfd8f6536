import { z } from 'zod';
import { Id } from '../entities';
import { command, query } from '../method';

export const SEARCH_KINDS = ['document', 'unit', 'node', 'memo', 'journal'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export const SearchHit = z.object({
  kind: z.enum(SEARCH_KINDS),
  /** The document, unit, node, memo or journal entry the hit is in. */
  id: Id,
  /** What to call the hit's source: document title, node name, memo title… */
  title: z.string(),
  /** Which text matched: text, condensed, interpretive, name, definition, body… */
  field: z.string(),
  documentId: Id.nullable(),
  unitId: Id.nullable(),
  /** For hits in a document's text: where the words are (UTF-16 offsets), ready to code. */
  start: z.number().nullable(),
  end: z.number().nullable(),
  snippet: z.string(),
  /** The highlighted stretches of the snippet, as [start, end) offsets into it. */
  marks: z.array(z.tuple([z.number(), z.number()])),
});
export type SearchHit = z.infer<typeof SearchHit>;

const Query = z.string().trim().min(1, 'some words to search for').max(500);

export const searchMethods = {
  'search.query': query(
    'Full-text search across documents, condensations, codebook nodes, memos and the journal',
    z.object({
      query: Query,
      kinds: z.array(z.enum(SEARCH_KINDS)).min(1).optional(),
      documentIds: z.array(Id).optional(),
      limit: z.number().int().min(1).max(5_000).default(200),
    }),
    z.object({ hits: z.array(SearchHit), truncated: z.boolean() }),
  ),
  'search.autocode': command(
    'Codes every hit of a search in the documents’ text in one step: the units holding them, or the words themselves',
    z.object({
      query: Query,
      codeIds: z.array(Id).min(1).max(50),
      target: z.enum(['units', 'spans']).default('units'),
      documentIds: z.array(Id).optional(),
    }),
    z.object({ hits: z.number(), units: z.number(), added: z.number(), unchanged: z.number() }),
  ),
} as const;
