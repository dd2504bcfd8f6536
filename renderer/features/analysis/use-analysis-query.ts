import type { MethodName, Params, Result } from '../../../shared/api/contract';
import { attempt } from '../../state/app-store';
import { useTableQuery } from '../../state/query-cache';

/** What the analyses read (map positions aside: the map keeps its own as they are dragged). */
const ANALYSED_TABLES = ['codings', 'meaning_units', 'codebook_nodes', 'codebook_links', 'documents', 'document_groups', 'participants', 'participant_values', 'attributes', 'turns', 'coders', 'quotes'];

/** Calls a read method and calls it again whenever its parameters change or a change touches what it reads. */
export function useAnalysisQuery<K extends MethodName>(method: K, params: Params<K> | null): { data: Result<K> | null; loading: boolean } {
  return useTableQuery(method, params, ANALYSED_TABLES, attempt);
}
