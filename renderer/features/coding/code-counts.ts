import { useEffect, useState } from 'react';
import type { Coder } from '../../../shared/api/entities';
import { callQuietly } from '../../state/app-store';
import { createProjectStore } from '../../state/project-store';
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

/** What the code list's numbers count: the coder view in use, or each coder apart. */
export const useCountMode = createProjectStore<{ perCoder: boolean }>(() => ({ perCoder: false }));

/** A coder as the codings' chips name them (initials: AH, BO, CON), or the whole name where two share initials. */
export function shortCoderNames(coders: readonly Coder[]): ReadonlyMap<string, string> {
  const taken = new Map<string, number>();
  for (const c of coders) taken.set(c.initials, (taken.get(c.initials) ?? 0) + 1);
  return new Map(coders.map((c) => [c.id, c.initials && taken.get(c.initials) === 1 ? c.initials : c.name]));
}

/** Each coder's figure under a node, in words: "AH 3 · BO 2 · CON 2". */
export function perCoderWords(figures: readonly { readonly coderId: string; readonly count: number }[], names: ReadonlyMap<string, string>): string {
  return figures.map((f) => `${names.get(f.coderId) ?? 'Someone'} ${f.count}`).join(' · ');
}

/**
 * Units and passages under each node for each coder apart (the consensus too), asked only while the
 * list shows them, a moment after codings change as useViewUnitCounts. Null until the first answer.
 */
export function usePerCoderCounts(on: boolean): ReadonlyMap<string, readonly { readonly coderId: string; readonly count: number }[]> | null {
  const coders = useWorkspace((s) => s.coders);
  const nodes = useWorkspace((s) => s.nodes);
  const codings = useWorkspace((s) => s.detail?.codings);
  const [counts, setCounts] = useState<ReadonlyMap<string, readonly { coderId: string; count: number }[]> | null>(null);
  useEffect(() => {
    if (!on) return;
    let current = true;
    const timer = setTimeout(() => {
      void callQuietly('codebook.countsPerCoder', {}).then((r) => {
        if (current && r) setCounts(new Map(r.map((n) => [n.nodeId, n.coders.map((c) => ({ coderId: c.coderId, count: c.units + c.passages }))])));
      });
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [on, coders, nodes, codings]);
  return on ? counts : null;
}
