import type { Coder, Coding } from '../../../shared/api/entities';
import { useShallow } from '../../state/create-store';
import { createProjectStore } from '../../state/project-store';
import { codingsByUnit, spanCodings, useWorkspace } from '../../state/workspace-store';

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

const NO_CODINGS: readonly Coding[] = [];
let lastShown: { codings: readonly Coding[]; view: CoderViewChoice; coders: readonly Coder[]; shown: readonly Coding[] } | null = null;

/** The open document's codings as the view shows them: worked out once per change, however many parts ask. */
function shownOf(codings: readonly Coding[], view: CoderViewChoice, coders: readonly Coder[]): readonly Coding[] {
  const last = lastShown;
  if (last && last.codings === codings && last.view === view && last.coders === coders) return last.shown;
  const shown = codingsForView(codings, view, coders);
  lastShown = { codings, view, coders, shown };
  return shown;
}

/**
 * One unit's codings in the open document, as the status-bar view chooses them. The part that
 * asks redraws only when they change: coding a unit redraws that unit, not the transcript.
 */
export function useShownUnitCodings(unitId: string): readonly Coding[] {
  const view = useCoderView((s) => s.view);
  return useWorkspace((s) => (s.detail ? codingsByUnit(shownOf(s.detail.codings, view, s.coders)).get(unitId) : undefined) ?? NO_CODINGS);
}

/** The coded free passages (not meaning units) the view shows, the same array while they stay the same. */
export function useShownSpans(): readonly Coding[] {
  const view = useCoderView((s) => s.view);
  return useWorkspace(useShallow((s) => (s.detail ? spanCodings(shownOf(s.detail.codings, view, s.coders)) : NO_CODINGS)));
}
