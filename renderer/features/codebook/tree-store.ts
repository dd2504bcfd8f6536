import { callQuietly, useAppStore } from '../../state/app-store';
import { createProjectStore } from '../../state/project-store';
import type { NodeDraft } from './codebook-tree';

/** A node picked up by Ctrl+X, with the parent it was shown under. */
export interface MovingNode {
  readonly id: string;
  readonly fromParentId: string | null;
}

export type TreeDialog = 'move' | 'merge' | 'split' | 'delete';

interface TreeState {
  /** Nodes whose children are hidden; remembered in the project (a view, not an undo step). */
  readonly collapsed: ReadonlySet<string>;
  /** The row with the keyboard focus (roving tabindex); a path, as one node may show under two parents. */
  readonly focusPath: string | null;
  /** Rows chosen with Shift or Ctrl/Cmd besides the focused one; empty when one row is selected. */
  readonly marked: ReadonlySet<string>;
  readonly anchorPath: string | null;
  readonly cut: readonly MovingNode[] | null;
  readonly dialog: TreeDialog | null;
  /** A new node's row, waiting for its name. */
  readonly draft: NodeDraft | null;
}

export const useTree = createProjectStore<TreeState>(() => ({
  collapsed: new Set(useAppStore.getState().project?.collapsedNodeIds ?? []),
  focusPath: null,
  marked: new Set(),
  anchorPath: null,
  cut: null,
  dialog: null,
  draft: null,
}));

/** Collapses or expands nodes and remembers it in the project; failing to remember must not disturb work. */
export function setCollapsed(ids: readonly string[], collapse: boolean): void {
  const next = new Set(useTree.getState().collapsed);
  for (const id of ids) {
    if (collapse) next.add(id);
    else next.delete(id);
  }
  useTree.setState({ collapsed: next });
  if (useAppStore.getState().project) void callQuietly('codebook.rememberCollapsed', { nodeIds: [...next] });
}

export function openTreeDialog(dialog: TreeDialog | null): void {
  useTree.setState({ dialog });
}

/** What a move takes: each selected node once, with the parent it was shown under; a node goes with a selected ancestor, not apart. */
export function movingOf(rows: readonly { readonly node: { readonly id: string }; readonly parentId: string | null; readonly path: string }[]): MovingNode[] {
  const seen = new Set<string>();
  return rows.flatMap((r) => {
    if (seen.has(r.node.id) || rows.some((o) => r.path.startsWith(`${o.path}/`))) return [];
    seen.add(r.node.id);
    return [{ id: r.node.id, fromParentId: r.parentId }];
  });
}
