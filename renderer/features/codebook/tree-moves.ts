import type { MoveTarget } from '../../../shared/api/methods/codebook';
import { placementProblem } from '../../../shared/domain/codebook-tree';
import { attemptHere, call } from '../../state/app-store';
import { useWorkspace } from '../../state/workspace-store';
import { showNotice } from '../coding/coding-store';
import { setCollapsed, useTree, type MovingNode } from './tree-store';

/** Why these nodes may not go under `parentId`, in a sentence; null when they all may (the drop indicator's refusal). */
export function moveProblem(moving: readonly MovingNode[], parentId: string | null): string | null {
  const nodes = useWorkspace.getState().nodes;
  for (const m of moving) {
    const problem = placementProblem(nodes, m.id, parentId);
    if (problem) return problem;
  }
  return null;
}

/**
 * Moves nodes as one recorded step (one undo, one audit entry). The place is named by nodes
 * ("after X", "one step up") and the core finds it in the tree as it is when the move runs, so keys
 * pressed faster than the tree redraws each act where the last one left the nodes. What happened,
 * or why nothing did, is said in the status line, where the keyboard user looks; the branch they
 * went into is opened so they stay in sight. With `alsoKeep` (a project that allows several
 * parents) they stay where they are and show under the new parent too.
 */
export async function moveSelection(moving: readonly MovingNode[], to: MoveTarget, alsoKeep = false): Promise<boolean> {
  if (moving.length === 0) return false;
  // A place under a named parent that the screen already shows is wrong (a category under a code) is
  // refused here, with the same sentence the core would give, and nothing is sent: nothing failed to save.
  const parentId = to.kind === 'inside' ? to.nodeId : to.kind === 'before' || to.kind === 'after' ? to.parentId : undefined;
  const problem = parentId === undefined ? null : moveProblem(moving, parentId);
  if (problem) {
    showNotice(problem);
    return false;
  }
  const done = await attemptHere(() => call('codebook.move', { nodes: moving.map((m) => ({ id: m.id, fromParentId: m.fromParentId })), to, addParent: alsoKeep }), showNotice);
  if (!done) return false;
  showNotice(done.said);
  if (done.parentId && useTree.getState().collapsed.has(done.parentId)) setCollapsed([done.parentId], false);
  return true;
}
