import { z } from 'zod';
import { Id } from '../entities';
import { command, query } from '../method';
import { SEARCH_KINDS, SearchHit } from './search';

const Name = z.string().trim().min(1, 'a name for the search').max(200);
const QueryText = z.string().trim().min(1, 'some words to search for').max(500);

/** A search a researcher named to run again: its words and where it looks. */
export const SavedSearch = z.object({
  id: Id,
  name: z.string(),
  query: z.string(),
  /** Which kinds of text it searches; all of them when the list is empty. */
  kinds: z.array(z.enum(SEARCH_KINDS)),
  /** The documents it is limited to; all of them when null. */
  documentIds: z.array(Id).nullable(),
  createdAt: z.string(),
});
export type SavedSearch = z.infer<typeof SavedSearch>;

export const savedSearchMethods = {
  'savedSearches.list': query('The saved searches, by name', z.object({}), z.array(SavedSearch)),
  'savedSearches.save': command(
    'Saves a search under a name, with the kinds of text and documents it searches',
    z.object({
      name: Name,
      query: QueryText,
      kinds: z.array(z.enum(SEARCH_KINDS)).min(1).optional(),
      documentIds: z.array(Id).max(5_000).optional(),
    }),
    SavedSearch,
  ),
  'savedSearches.rename': command('Renames a saved search', z.object({ id: Id, name: Name }), SavedSearch),
  'savedSearches.delete': command('Deletes a saved search', z.object({ id: Id }), z.object({ deleted: z.boolean() })),
  'savedSearches.run': query(
    'Runs a saved search as it was saved',
    z.object({ id: Id, limit: z.number().int().min(1).max(5_000).default(200) }),
    z.object({ search: SavedSearch, hits: z.array(SearchHit), truncated: z.boolean() }),
  ),
} as const;
