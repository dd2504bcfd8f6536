import type { CodebookNode } from '../../../shared/api/entities';

export interface TreeRow {
  readonly node: CodebookNode;
  readonly depth: number;
  readonly path: string;
  /** The parent this row shows the node under (a node with two parents has two rows). */
  readonly parentId: string | null;
}

/** Flattens the codebook into display rows, depth first; a node with two parents shows under both. */
export function flattenCodebook(nodes: readonly CodebookNode[]): TreeRow[] {
  const children = new Map<string, CodebookNode[]>();
  for (const n of nodes) {
    for (const p of n.parentIds) {
      const list = children.get(p) ?? [];
      list.push(n);
      children.set(p, list);
    }
  }
  const rows: TreeRow[] = [];
  const visit = (node: CodebookNode, depth: number, path: string, seen: Set<string>, parentId: string | null) => {
    if (seen.has(node.id)) return;
    const here = `${path}/${node.id}`;
    rows.push({ node, depth, path: here, parentId });
    const next = new Set(seen).add(node.id);
    for (const child of children.get(node.id) ?? []) visit(child, depth + 1, here, next, node.id);
  };
  for (const root of nodes.filter((n) => n.parentIds.length === 0)) visit(root, 0, '', new Set(), null);
  return rows;
}

/**
 * Where a new node of `level` goes, given the row the user selected: under the nearest node on
 * that row's branch (itself, then its parents) whose level is above the new one; at the top when
 * there is none. A new subcategory with a code selected goes under the code's category, never
 * under the code's own subcategory.
 */
export function parentForNew(
  level: CodebookNode['level'],
  selected: { readonly node: CodebookNode; readonly parentId: string | null } | undefined,
  nodes: readonly CodebookNode[],
  levels: readonly CodebookNode['level'][],
): CodebookNode | null {
  if (!selected) return null;
  const rank = (l: CodebookNode['level']) => levels.indexOf(l);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  let node: CodebookNode | undefined = selected.node;
  let via: string | null = selected.parentId;
  const seen = new Set<string>();
  while (node && !seen.has(node.id)) {
    if (rank(node.level) >= 0 && rank(node.level) < rank(level)) return node;
    seen.add(node.id);
    node = via ? byId.get(via) : undefined;
    via = node?.parentIds[0] ?? null;
  }
  return null;
}
