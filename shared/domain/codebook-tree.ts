import { NODE_LEVEL_LABELS, NODE_LEVELS, type NodeLevel } from './vocabulary';

/** The least a tree operation needs to know about a node. */
export interface TreeNode {
  readonly id: string;
  readonly level: NodeLevel;
  readonly parentIds: readonly string[];
}

export function childrenOf<N extends TreeNode>(nodes: readonly N[]): Map<string, N[]> {
  const map = new Map<string, N[]>();
  for (const n of nodes) {
    for (const p of n.parentIds) {
      const list = map.get(p) ?? [];
      list.push(n);
      map.set(p, list);
    }
  }
  return map;
}

/** The node and everything beneath it (each once, even where a code sits under two categories). */
export function subtreeIds(nodes: readonly TreeNode[], rootId: string): Set<string> {
  const children = childrenOf(nodes);
  const seen = new Set<string>();
  const stack = [rootId];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const c of children.get(id) ?? []) stack.push(c.id);
  }
  return seen;
}

/** Every ancestor of a node (not the node itself). */
export function ancestorIds(nodes: readonly TreeNode[], id: string): Set<string> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const seen = new Set<string>();
  const stack = [...(byId.get(id)?.parentIds ?? [])];
  while (stack.length) {
    const p = stack.pop()!;
    if (seen.has(p)) continue;
    seen.add(p);
    stack.push(...(byId.get(p)?.parentIds ?? []));
  }
  return seen;
}

/** Whether putting `childId` under `parentId` would make a node its own ancestor. */
export function wouldCycle(nodes: readonly TreeNode[], childId: string, parentId: string): boolean {
  return childId === parentId || subtreeIds(nodes, childId).has(parentId);
}

/**
 * Why a node may not go under `parent` by their levels, in a sentence; null when it may. A node
 * never sits under a lower level (a category under a code); the same level may nest, as codes
 * from other programs do.
 */
export function levelProblem(child: { readonly level: NodeLevel; readonly name: string }, parent: { readonly level: NodeLevel; readonly name: string } | null): string | null {
  if (!parent || NODE_LEVELS.indexOf(parent.level) <= NODE_LEVELS.indexOf(child.level)) return null;
  const word = (l: NodeLevel) => NODE_LEVEL_LABELS[l].toLowerCase();
  return `A ${word(child.level)} cannot go under a ${word(parent.level)} (“${child.name}” under “${parent.name}”): choose a node of a higher level, or the top of the codebook.`;
}

/** Why `childId` may not go under `parentId` (null: the top), in a sentence: a cycle or the levels; null when it may. */
export function placementProblem(nodes: readonly (TreeNode & { readonly name: string })[], childId: string, parentId: string | null): string | null {
  if (parentId === null) return null;
  if (wouldCycle(nodes, childId, parentId)) return 'A node cannot go inside itself or inside one of its own children.';
  const child = nodes.find((n) => n.id === childId);
  const parent = nodes.find((n) => n.id === parentId);
  return child && parent ? levelProblem(child, parent) : null;
}

/**
 * For each node, its ancestors grouped by level (nearest first within a level): what the
 * abstraction table shows in its subcategory, category and theme columns.
 */
export function ancestorsByLevel<N extends TreeNode>(nodes: readonly N[]): Map<string, Map<NodeLevel, N[]>> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out = new Map<string, Map<NodeLevel, N[]>>();
  for (const node of nodes) {
    const levels = new Map<NodeLevel, N[]>();
    const seen = new Set<string>([node.id]);
    let frontier = [...node.parentIds];
    while (frontier.length) {
      const next: string[] = [];
      for (const id of frontier) {
        if (seen.has(id)) continue;
        seen.add(id);
        const a = byId.get(id);
        if (!a) continue;
        const list = levels.get(a.level) ?? [];
        list.push(a);
        levels.set(a.level, list);
        next.push(...a.parentIds);
      }
      frontier = next;
    }
    out.set(node.id, levels);
  }
  return out;
}
