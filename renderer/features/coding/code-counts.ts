import { useEffect, useState } from 'react';
import type { Coder } from '../../../shared/api/entities';
import { callQuietly } from '../../state/app-store';
import { useWorkspace } from '../../state/workspace-store';
import { useCoderView, type CoderViewChoice } from '../agreement/coder-view-store';

/** Whose codings a coder view counts: every person (not the consensus), the consensus, or one coder. */
export function coderIdsForView(view: CoderViewChoice, coders: readonly Coder[]): string[] {
  if (view === 'all') return coders.filter((c) => c.role !== 'consensus').map((c) => c.id);
  if (view === 'consensus') return coders.filter((c) => c.role === 'consensus').map((c) => c.id);
  return [view];
}

/** The view in words, for the count's heading: "all coders", "the consensus", "Amira Haddad". */
export function viewWords(view: CoderViewChoice, coders: readonly Coder[], blind: boolean): string {
  if (blind) return 'yours (blind)';
  if (view === 'all') return 'all coders';
  if (view === 'consensus') return 'the consensus';
  return coders.find((c) => c.id === view)?.name ?? 'one coder';
}

/**
 * Units and free passages coded with each code in the coder view in use, asked again a moment after codings change
 * (the count is not worth a request per keypress). Null until the first answer: no wrong number meanwhile.
 */
export function useViewUnitCounts(): ReadonlyMap<string, number> | null {
  const view = useCoderView((s) => s.view);
  const coders = useWorkspace((s) => s.coders);
  const nodes = useWorkspace((s) => s.nodes);
  const codings = useWorkspace((s) => s.detail?.codings);
  const [counts, setCounts] = useState<ReadonlyMap<string, number> | null>(null);
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      void callQuietly('codebook.counts', { coderIds: coderIdsForView(view, coders) }).then((r) => {
        if (current && r) setCounts(new Map(r.map((c) => [c.nodeId, c.units + c.passages])));
      });
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [view, coders, nodes, codings]);
  return counts;
}
