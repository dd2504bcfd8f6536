import { placementProblem } from '../../../shared/domain/codebook-tree';
import { attemptHere, call } from '../../state/app-store';
import { useWorkspace } from '../../state/workspace-store';
import { showNotice } from '../coding/coding-store';
import type { Placement } from './codebook-tree';
import { setCollapsed, useTree, type MovingNode } from './tree-store';

let moveInFlight = false;

/** Why these nodes may not go under `parentId`, in a sentence; null when they all may. */
export function moveProblem(moving: readonly MovingNode[], parentId: string | null): string | null {
  const nodes = useWorkspace.getState().nodes;
  for (const m of moving) {
    const problem = placementProblem(nodes, m.id, parentId);
    if (problem) return problem;
  }
  return null;
}

/** Why nodes cannot also go under `parentId` while staying where they are: one is there already. */
function alreadyUnder(moving: readonly MovingNode[], parentId: string | null): string | null {
  const nodes = useWorkspace.getState().nodes;
  if (parentId === null) return 'Only a move can take a node to the top of the codebook: it cannot be there and under a category at once.';
  const there = moving.map((m) => nodes.find((n) => n.id === m.id)).find((n) => n?.parentIds.includes(parentId));
  return there ? `“${there.name}” is already under “${nodes.find((n) => n.id === parentId)?.name ?? ''}”.` : null;
}

/**
 * Moves nodes as one recorded step (one undo, one audit entry). A refusal (a category under a
 * code, a node into its own branch) is said in the status line, where the keyboard user looks.
 * The place they went is opened, so the moved nodes stay in sight. With `alsoKeep` (a project that
 * allows several parents) they stay where they are and show under the new parent too.
 */
export async function moveSelection(moving: readonly MovingNode[], to: Placement, where: string, alsoKeep = false): Promise<boolean> {
  if (moving.length === 0) return false;
  // Said before asking: a refusal the core would give anyway writes nothing, and is no failed save.
  const problem = moveProblem(moving, to.parentId) ?? (alsoKeep ? alreadyUnder(moving, to.parentId) : null);
  if (problem) {
    showNotice(problem);
    return false;
  }
  // A key held down repeats faster than the tree redraws: one move at a time, each from the tree as it stands.
  if (moveInFlight) return false;
  const [first, ...rest] = moving;
  moveInFlight = true;
  const done = await attemptHere(
    () => call('codebook.move', { id: first.id, fromParentId: first.fromParentId, parentId: to.parentId, index: to.index, also: rest, addParent: alsoKeep }),
    showNotice,
  ).finally(() => (moveInFlight = false));
  if (!done) return false;
  const nodes = useWorkspace.getState().nodes;
  const name = (id: string) => nodes.find((n) => n.id === id)?.name ?? '';
  const what = moving.length === 1 ? `“${name(first.id)}”` : `${moving.length} nodes`;
  showNotice(alsoKeep ? `${what} now also under ${where}, and still where ${moving.length === 1 ? 'it was' : 'they were'}.` : `Moved ${what} to ${where}.`);
  if (to.parentId && useTree.getState().collapsed.has(to.parentId)) setCollapsed([to.parentId], false);
  return true;
}
