import { attemptHere, call } from '../../state/app-store';
import { useWorkspace } from '../../state/workspace-store';
import { showNotice } from '../coding/coding-store';
import type { Placement } from './codebook-tree';
import { setCollapsed, useTree, type MovingNode } from './tree-store';

/**
 * Moves nodes as one recorded step (one undo, one audit entry). A refusal (a category under a
 * code, a node into its own branch) is said in the status line, where the keyboard user looks.
 * The place they went is opened, so the moved nodes stay in sight.
 */
export async function moveSelection(moving: readonly MovingNode[], to: Placement, where: string): Promise<boolean> {
  if (moving.length === 0) return false;
  const [first, ...rest] = moving;
  const done = await attemptHere(
    () => call('codebook.move', { id: first.id, fromParentId: first.fromParentId, parentId: to.parentId, index: to.index, also: rest }),
    showNotice,
  );
  if (!done) return false;
  const nodes = useWorkspace.getState().nodes;
  const name = (id: string) => nodes.find((n) => n.id === id)?.name ?? '';
  showNotice(moving.length === 1 ? `Moved “${name(first.id)}” to ${where}.` : `Moved ${moving.length} nodes to ${where}.`);
  if (to.parentId && useTree.getState().collapsed.has(to.parentId)) setCollapsed([to.parentId], false);
  return true;
}
