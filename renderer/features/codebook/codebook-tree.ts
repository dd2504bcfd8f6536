import type { CodebookNode } from '../../../shared/api/entities';
import { placementProblem } from '../../../shared/domain/codebook-tree';

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

/** Where a node goes: under `parentId` (null: the top), at `index` among its siblings (the end when left out). */
export interface Placement {
  readonly parentId: string | null;
  readonly index?: number;
}

const parentPath = (row: TreeRow) => row.path.slice(0, row.path.lastIndexOf('/'));

/** The rows left on screen when the nodes in `collapsed` hide what is beneath them. */
export function visibleRows(rows: readonly TreeRow[], collapsed: ReadonlySet<string>): TreeRow[] {
  const out: TreeRow[] = [];
  let hiddenBelow: number | null = null;
  for (const row of rows) {
    if (hiddenBelow !== null && row.depth > hiddenBelow) continue;
    hiddenBelow = collapsed.has(row.node.id) ? row.depth : null;
    out.push(row);
  }
  return out;
}

/** Ids of the nodes that have children (and so can be collapsed). */
export function parentIdsOf(nodes: readonly CodebookNode[]): Set<string> {
  return new Set(nodes.flatMap((n) => n.parentIds));
}

/** The rows beside a row under the same parent row, in order, the row itself among them. */
export function siblingRows(rows: readonly TreeRow[], row: TreeRow): TreeRow[] {
  const parent = parentPath(row);
  return rows.filter((r) => r.depth === row.depth && parentPath(r) === parent);
}

/** Each row's place among its siblings (from 1) and how many they are, by path. */
export function siblingPlaces(rows: readonly TreeRow[]): Map<string, { index: number; of: number }> {
  const groups = new Map<string, { index: number; of: number }[]>();
  const out = new Map<string, { index: number; of: number }>();
  for (const row of rows) {
    const group = groups.get(parentPath(row)) ?? [];
    const place = { index: group.length + 1, of: 0 };
    group.push(place);
    groups.set(parentPath(row), group);
    out.set(row.path, place);
  }
  for (const group of groups.values()) for (const place of group) place.of = group.length;
  return out;
}

export function parentRow(rows: readonly TreeRow[], row: TreeRow): TreeRow | undefined {
  const parent = parentPath(row);
  return parent ? rows.find((r) => r.path === parent) : undefined;
}

/** The row `delta` steps away among the visible rows, held at the ends. */
export function stepRow(visible: readonly TreeRow[], path: string | null, delta: number): TreeRow | undefined {
  const i = visible.findIndex((r) => r.path === path);
  return visible[Math.min(visible.length - 1, Math.max(0, i < 0 ? 0 : i + delta))];
}

/** Alt+↑/↓: one place up or down among its siblings; null at the end it is already at. */
export function reorderTarget(rows: readonly TreeRow[], row: TreeRow, delta: -1 | 1): Placement | null {
  const siblings = siblingRows(rows, row);
  const next = siblings.findIndex((r) => r.path === row.path) + delta;
  return next < 0 || next >= siblings.length ? null : { parentId: row.parentId, index: next };
}

/** Alt+←: out of its parent, to just after the parent; null at the top level. */
export function outdentTarget(rows: readonly TreeRow[], row: TreeRow): Placement | null {
  const parent = parentRow(rows, row);
  if (!parent) return null;
  return { parentId: parent.parentId, index: siblingRows(rows, parent).findIndex((r) => r.path === parent.path) + 1 };
}

/** Alt+→: under the sibling above it, as its last child; null for a first child. */
export function indentTarget(rows: readonly TreeRow[], row: TreeRow): Placement | null {
  const siblings = siblingRows(rows, row);
  const above = siblings[siblings.findIndex((r) => r.path === row.path) - 1];
  return above ? { parentId: above.node.id } : null;
}

/**
 * Where a drop puts a node: before or after the row among its siblings, or inside it at the end.
 * After an open row with children is its first child, where the line is drawn.
 */
export function dropTarget(rows: readonly TreeRow[], row: TreeRow, place: 'before' | 'inside' | 'after', movingId: string, open: boolean): Placement {
  const hasChildren = rows.some((r) => r.parentId === row.node.id && parentPath(r) === row.path);
  if (place === 'inside') return { parentId: row.node.id };
  if (place === 'after' && open && hasChildren) return { parentId: row.node.id, index: 0 };
  const siblings = siblingRows(rows, row).filter((r) => r.node.id !== movingId);
  const at = siblings.findIndex((r) => r.path === row.path);
  return { parentId: row.parentId, index: place === 'before' ? Math.max(0, at) : at + 1 };
}

/** The visible rows from one row to another, both included, in screen order. */
export function rowRange(visible: readonly TreeRow[], fromPath: string, toPath: string): TreeRow[] {
  const a = visible.findIndex((r) => r.path === fromPath);
  const b = visible.findIndex((r) => r.path === toPath);
  if (a < 0 || b < 0) return visible.filter((r) => r.path === toPath);
  return visible.slice(Math.min(a, b), Math.max(a, b) + 1);
}

/**
 * The nodes the moving ones may go under: none of them nor anything beneath them, and no lower
 * level than any of them (a category never under a code).
 */
export function moveTargets(nodes: readonly CodebookNode[], moving: readonly CodebookNode[]): CodebookNode[] {
  return nodes.filter((n) => moving.every((m) => placementProblem(nodes, m.id, n.id) === null));
}
