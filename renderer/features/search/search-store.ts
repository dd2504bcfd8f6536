import { SEARCH_KINDS, type SearchHit, type SearchKind } from '../../../shared/api/methods/search';
import type { SavedSearch } from '../../../shared/api/methods/saved-searches';
import { attempt } from '../../state/app-store';
import { createProjectStore } from '../../state/project-store';

export const KIND_LABELS: Readonly<Record<SearchKind, string>> = {
  document: 'Transcripts',
  unit: 'Condensations',
  node: 'Codebook',
  memo: 'Memos',
  journal: 'Journal',
};

interface SearchState {
  readonly query: string;
  readonly kinds: readonly SearchKind[];
  /** Documents the search is limited to; null searches them all. */
  readonly documentIds: readonly string[] | null;
  readonly hits: readonly SearchHit[] | null;
  readonly truncated: boolean;
  /** The saved search whose results are shown, until the words or kinds change. */
  readonly savedId: string | null;
  /** The project's saved searches, and the project and revision they were read at. */
  readonly saved: readonly SavedSearch[];
  readonly savedRead: { readonly path: string; readonly revision: string } | null;
}

export const useSearch = createProjectStore<SearchState>(() => ({
  query: '',
  kinds: SEARCH_KINDS,
  documentIds: null,
  hits: null,
  truncated: false,
  savedId: null,
  saved: [],
  savedRead: null,
}));

// Searches can overlap (a saved search run while the tab re-runs the last one): only the answer
// to the latest is shown.
let latest = 0;

export async function runSearch(): Promise<void> {
  const { query, kinds, documentIds } = useSearch.getState();
  if (!query.trim()) return;
  const asked = ++latest;
  const r = await attempt('search.query', { query, kinds: [...kinds], documentIds: documentIds ? [...documentIds] : undefined, limit: 500 });
  if (r && asked === latest) useSearch.setState({ hits: r.hits, truncated: r.truncated });
}

/** Puts a saved search's words and scope back into the form and shows its hits. */
export async function runSaved(search: SavedSearch): Promise<void> {
  const asked = ++latest;
  const r = await attempt('savedSearches.run', { id: search.id, limit: 500 });
  if (!r || asked !== latest) return;
  useSearch.setState({
    query: r.search.query,
    kinds: r.search.kinds.length > 0 ? r.search.kinds : SEARCH_KINDS,
    documentIds: r.search.documentIds,
    hits: r.hits,
    truncated: r.truncated,
    savedId: r.search.id,
  });
}
