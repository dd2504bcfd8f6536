import type { CodebookNode } from '../../../shared/api/entities';
import { LEVELS_BY_METHOD, NODE_LEVELS, type Methodology, type NodeLevel } from '../../../shared/domain/vocabulary';
import { descendantsAt, nodesAt, type NodeTree } from './data';

/** One table row: a node at each chosen level, top down (null where a node has no ancestor at that level). */
export interface HierarchyRow {
  readonly path: readonly (CodebookNode | null)[];
}

/**
 * Rows for a table whose columns are codebook levels (theme | category | subcategory …): one row per
 * node of the last level, reached from the top level down. Nodes of the last level that no
 * top-level node reaches still get a row, at the end, with empty cells above them.
 */
export function hierarchyRows(tree: NodeTree, levels: readonly NodeLevel[]): HierarchyRow[] {
  const rows: HierarchyRow[] = [];
  const reached = new Set<string>();
  const last = levels.length - 1;
  const descend = (index: number, path: readonly (CodebookNode | null)[], parent: CodebookNode | null) => {
    const here = parent === null ? nodesAt(tree, levels[index]) : descendantsAt(tree, parent.id, levels[index]);
    if (here.length === 0 && parent !== null) {
      rows.push({ path: [...path, ...Array<null>(levels.length - path.length).fill(null)] });
      return;
    }
    for (const node of here) {
      if (index === last) {
        reached.add(node.id);
        rows.push({ path: [...path, node] });
      } else descend(index + 1, [...path, node], node);
    }
  };
  if (levels.length) descend(0, [], null);
  for (const orphan of nodesAt(tree, levels[last])) {
    if (!reached.has(orphan.id) && levels.length > 1) rows.push({ path: [...Array<null>(last).fill(null), orphan] });
  }
  return rows;
}

/** The author's levels in top-down order, limited to those the method uses; else `fallback`. */
export function chosenLevels(methodology: Methodology, asked: readonly NodeLevel[] | undefined, fallback: readonly NodeLevel[]): NodeLevel[] {
  const usable = new Set<NodeLevel>([...LEVELS_BY_METHOD[methodology], ...fallback]);
  const picked = (asked?.length ? asked : fallback).filter((l) => usable.has(l));
  return NODE_LEVELS.filter((l) => picked.includes(l));
}

/** Whether the row starts a new group at column `i` (the cell above holds another node). */
export function startsGroup(rows: readonly HierarchyRow[], index: number, column: number): boolean {
  if (index === 0) return true;
  for (let c = 0; c <= column; c += 1) if (rows[index].path[c]?.id !== rows[index - 1].path[c]?.id) return true;
  return false;
}
