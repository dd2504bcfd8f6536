import { useMemo } from 'react';
import type { Coder, Coding } from '../../../shared/api/entities';
import { createProjectStore } from '../../state/project-store';
import { useWorkspace } from '../../state/workspace-store';

/** Whose codings the transcript shows: everyone's own codings, the consensus, or one coder's. */
export type CoderViewChoice = 'all' | 'consensus' | string;

export const useCoderView = createProjectStore<{ view: CoderViewChoice }>(() => ({ view: 'all' }));

/** The codings a view shows; blind mode is already applied by the application. */
export function codingsForView(codings: readonly Coding[], view: CoderViewChoice, coders: readonly Coder[]): readonly Coding[] {
  const consensus = new Set(coders.filter((c) => c.role === 'consensus').map((c) => c.id));
  if (view === 'all') return consensus.size === 0 ? codings : codings.filter((c) => !consensus.has(c.coderId));
  if (view === 'consensus') return codings.filter((c) => consensus.has(c.coderId));
  return codings.filter((c) => c.coderId === view);
}

/** The transcript's codings as the status-bar view chooses them. */
export function useShownCodings(codings: readonly Coding[] | undefined): readonly Coding[] {
  const view = useCoderView((s) => s.view);
  const coders = useWorkspace((s) => s.coders);
  return useMemo(() => codingsForView(codings ?? [], view, coders), [codings, view, coders]);
}
