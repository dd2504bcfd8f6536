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
