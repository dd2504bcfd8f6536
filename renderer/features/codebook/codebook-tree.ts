import type { CodebookNode } from '../../../shared/api/entities';
import type { MoveTarget } from '../../../shared/api/methods/codebook';
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

/**
 * What a drop asks for, named by the row it fell on: before or after it among its siblings, or
 * inside it at the end; after an open row with children is its first child, where the line is
 * drawn. `parentId` is the parent that asks for (the drop indicator refuses a wrong level).
 */
export function dropTarget(row: TreeRow, place: 'before' | 'inside' | 'after', open: boolean): { readonly to: MoveTarget; readonly parentId: string | null } {
  if (place === 'inside') return { to: { kind: 'inside', nodeId: row.node.id, at: 'last' }, parentId: row.node.id };
  if (place === 'after' && open) return { to: { kind: 'inside', nodeId: row.node.id, at: 'first' }, parentId: row.node.id };
  return { to: { kind: place, nodeId: row.node.id, parentId: row.parentId }, parentId: row.parentId };
}

/**
 * The nodes the moving ones may go under: none of them nor anything beneath them, and no lower
 * level than any of them (a category never under a code).
 */
export function moveTargets(nodes: readonly CodebookNode[], moving: readonly CodebookNode[]): CodebookNode[] {
  return nodes.filter((n) => moving.every((m) => placementProblem(nodes, m.id, n.id) === null));
}

/**
 * A node being named before it exists: its level, where it will go, and where its row shows.
 * Nothing is written until the name is given, so one step adds a named node and Escape leaves no trace.
 */
export interface NodeDraft {
  readonly level: CodebookNode['level'];
  readonly parentId: string | null;
  /** Place among its siblings; the end when left out. */
  readonly index?: number;
  /** The row of the parent it goes under ('' at the top): the new row's path starts with it. */
  readonly parentPath: string;
  /** The row it follows (Enter on a row adds a sibling right after it); null: after the parent's last child. */
  readonly afterPath: string | null;
}

/** The level one below `level` in this method's levels; null for the lowest (a code holds nothing). */
export function levelBelow(level: CodebookNode['level'], levels: readonly CodebookNode['level'][]): CodebookNode['level'] | null {
  const i = levels.indexOf(level);
  return i >= 0 && i + 1 < levels.length ? levels[i + 1] : null;
}

/** Enter on a row: a node of the same level, under the same parent, right after it. */
export function siblingDraft(rows: readonly TreeRow[], row: TreeRow): NodeDraft {
  const index = siblingRows(rows, row).findIndex((r) => r.path === row.path) + 1;
  return { level: row.node.level, parentId: row.parentId, index, parentPath: parentPath(row), afterPath: row.path };
}

/** Ctrl+Enter (or Insert) on a row: a node one level below, as its last child; null under a code. */
export function childDraft(row: TreeRow, levels: readonly CodebookNode['level'][]): NodeDraft | null {
  const level = levelBelow(row.node.level, levels);
  return level ? { level, parentId: row.node.id, parentPath: row.path, afterPath: null } : null;
}

/** A toolbar button or the New Code command: a node of `level` under the selected row's branch (see parentForNew), last. */
export function levelDraft(
  level: CodebookNode['level'],
  selected: TreeRow | undefined,
  rows: readonly TreeRow[],
  nodes: readonly CodebookNode[],
  levels: readonly CodebookNode['level'][],
): NodeDraft {
  const parent = parentForNew(level, selected, nodes, levels);
  if (!parent) return { level, parentId: null, parentPath: '', afterPath: null };
  // The parent's row on the selected row's branch, so a node shown twice opens where the user looks.
  const onBranch = selected && selected.path.split('/').includes(parent.id) ? selected.path.slice(0, selected.path.indexOf(parent.id) + parent.id.length) : null;
  const path = onBranch ?? rows.find((r) => r.node.id === parent.id)?.path ?? '';
  return { level, parentId: parent.id, parentPath: path, afterPath: null };
}

/** Where the draft row stands among the visible rows: after the row it follows, or the parent's branch, with all beneath. */
export function draftPosition(visible: readonly TreeRow[], draft: NodeDraft): number {
  const anchor = draft.afterPath ?? draft.parentPath;
  if (!anchor) return visible.length;
  let at = -1;
  visible.forEach((r, i) => {
    if (r.path === anchor || r.path.startsWith(`${anchor}/`)) at = i;
  });
  return at < 0 ? visible.length : at + 1;
}

/** How deep the draft row is drawn: one below its parent's row. */
export function draftDepth(draft: NodeDraft): number {
  return draft.parentPath ? draft.parentPath.split('/').length - 1 : 0;
}
