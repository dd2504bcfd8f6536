import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { NodeLevel, ThemeStatus } from '../../../shared/domain/vocabulary';
import { AppError } from '../../../shared/api/errors';
import type { MoveTarget } from '../../../shared/api/methods/codebook';
import { placementProblem, subtreeIds, type TreeNode } from '../../../shared/domain/codebook-tree';
import { nowIso, stmt } from '../store/statements';

// Colours for new codes, distinct at a glance and readable as 20% tints behind text.
const CODE_COLOURS = ['#2f6fdf', '#d9480f', '#2b8a3e', '#862e9c', '#c2255c', '#0b7285', '#e67700', '#5c940d', '#1864ab', '#a61e4d', '#5f3dc4', '#087f5b'];

interface TreeRow extends TreeNode {
  readonly name: string;
  readonly sort: number;
}

export function loadTree(db: Database.Database): TreeRow[] {
  const nodes = stmt(db, `SELECT id, level, name, sort FROM codebook_nodes`).all() as Omit<TreeRow, 'parentIds'>[];
  const links = stmt(db, `SELECT parent_id AS p, child_id AS c FROM codebook_links ORDER BY sort`).all() as { p: string; c: string }[];
  const parents = new Map<string, string[]>();
  for (const l of links) parents.set(l.c, [...(parents.get(l.c) ?? []), l.p]);
  return nodes.map((n) => ({ ...n, parentIds: parents.get(n.id) ?? [] }));
}

export function requireNodeRow(db: Database.Database, id: string): { id: string; level: NodeLevel; name: string } {
  const row = stmt(db, `SELECT id, level, name FROM codebook_nodes WHERE id = ?`).get(id) as { id: string; level: NodeLevel; name: string } | undefined;
  if (!row) throw new AppError('NOT_FOUND', 'That code or category is not in the codebook any more (it may have been deleted or merged).');
  return row;
}

/** Children of a parent (or the top level for null), in display order. */
function siblingIds(db: Database.Database, parentId: string | null): string[] {
  const sql =
    parentId === null
      ? `SELECT n.id FROM codebook_nodes n WHERE NOT EXISTS (SELECT 1 FROM codebook_links l WHERE l.child_id = n.id) ORDER BY n.sort, n.name`
      : `SELECT n.id FROM codebook_links l JOIN codebook_nodes n ON n.id = l.child_id WHERE l.parent_id = ? ORDER BY n.sort, n.name`;
  return (parentId === null ? stmt(db, sql).pluck().all() : stmt(db, sql).pluck().all(parentId)) as string[];
}

/** Puts a node at `index` among its siblings under `parentId` and renumbers only the rows whose place changed. */
function placeAmongSiblings(db: Database.Database, parentId: string | null, nodeId: string, index: number | undefined): void {
  const order = siblingIds(db, parentId).filter((id) => id !== nodeId);
  order.splice(Math.min(index ?? order.length, order.length), 0, nodeId);
  order.forEach((id, i) => {
    stmt(db, `UPDATE codebook_nodes SET sort = ? WHERE id = ? AND sort <> ?`).run(i, id, i);
    if (parentId !== null) stmt(db, `UPDATE codebook_links SET sort = ? WHERE parent_id = ? AND child_id = ? AND sort <> ?`).run(i, parentId, id, i);
  });
}

function link(db: Database.Database, parentId: string, childId: string): void {
  stmt(db, `INSERT INTO codebook_links (id, parent_id, child_id, sort) VALUES (?, ?, ?, 0) ON CONFLICT DO NOTHING`).run(randomUUID(), parentId, childId);
}

function unlink(db: Database.Database, parentId: string, childId: string): void {
  stmt(db, `DELETE FROM codebook_links WHERE parent_id = ? AND child_id = ?`).run(parentId, childId);
}

function checkShortcut(db: Database.Database, shortcut: string | null | undefined, nodeId: string | null): void {
  if (!shortcut) return;
  const other = stmt(db, `SELECT name FROM codebook_nodes WHERE lower(shortcut) = lower(?) AND id IS NOT ?`).pluck().get(shortcut, nodeId) as string | undefined;
  if (other) throw new AppError('CONFLICT', `The key ${shortcut} already applies “${other}”. Choose another key, or clear it on “${other}” first.`);
}

export interface NodeInput {
  readonly level: NodeLevel;
  readonly name: string;
  readonly parentId: string | null;
  readonly index?: number;
  readonly definition?: string;
  readonly inclusion?: string;
  readonly exclusion?: string;
  readonly colour?: string;
  readonly shortcut?: string | null;
  readonly status?: ThemeStatus | null;
}

export function createNode(db: Database.Database, input: NodeInput): string {
  if (input.parentId) requireNodeRow(db, input.parentId);
  checkShortcut(db, input.shortcut, null);
  const id = randomUUID();
  const count = stmt(db, `SELECT count(*) FROM codebook_nodes`).pluck().get() as number;
  stmt(
    db,
    `INSERT INTO codebook_nodes (id, level, name, definition, inclusion, exclusion, colour, shortcut, status, sort, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    input.level,
    input.name.trim(),
    input.definition ?? '',
    input.inclusion ?? '',
    input.exclusion ?? '',
    input.colour ?? CODE_COLOURS[count % CODE_COLOURS.length],
    input.shortcut ?? null,
    input.status ?? null,
    1_000_000,
    nowIso(),
  );
  if (input.parentId) link(db, input.parentId, id);
  placeAmongSiblings(db, input.parentId, id, input.index);
  return id;
}

export interface NodeChanges {
  readonly name?: string;
  readonly level?: NodeLevel;
  readonly definition?: string;
  readonly inclusion?: string;
  readonly exclusion?: string;
  readonly colour?: string;
  readonly shortcut?: string | null;
  readonly status?: ThemeStatus | null;
  readonly exampleUnitId?: string | null;
}

const CHANGE_COLUMNS: Readonly<Record<keyof NodeChanges, string>> = {
  name: 'name',
  level: 'level',
  definition: 'definition',
  inclusion: 'inclusion',
  exclusion: 'exclusion',
  colour: 'colour',
  shortcut: 'shortcut',
  status: 'status',
  exampleUnitId: 'example_unit_id',
};

export function updateNode(db: Database.Database, id: string, changes: NodeChanges): void {
  requireNodeRow(db, id);
  if (changes.shortcut !== undefined) checkShortcut(db, changes.shortcut, id);
  if (changes.exampleUnitId) {
    const unit = stmt(db, `SELECT 1 FROM meaning_units WHERE id = ?`).get(changes.exampleUnitId);
    if (!unit) throw new AppError('NOT_FOUND', 'That meaning unit is not in the project any more, so it cannot be the example.');
  }
  for (const [key, value] of Object.entries(changes) as [keyof NodeChanges, unknown][]) {
    if (value === undefined) continue;
    const column = CHANGE_COLUMNS[key];
    const stored = typeof value === 'string' && key === 'name' ? value.trim() : value;
    // `IS NOT` skips writes that change nothing, so the audit log shows only real changes.
    stmt(db, `UPDATE codebook_nodes SET ${column} = ? WHERE id = ? AND ${column} IS NOT ?`).run(stored, id, stored);
  }
}

interface MoveInput {
  readonly id: string;
  readonly parentId: string | null;
  readonly index?: number;
  readonly fromParentId?: string | null;
  readonly addParent: boolean;
}

function moveNode(db: Database.Database, input: MoveInput, allowMultipleParents: boolean): void {
  requireNodeRow(db, input.id);
  const tree = loadTree(db);
  const current = tree.find((n) => n.id === input.id)!.parentIds;
  if (input.parentId !== null) requireNodeRow(db, input.parentId);
  const problem = placementProblem(tree, input.id, input.parentId);
  if (problem) throw new AppError('CONFLICT', problem);
  if (input.addParent) {
    if (!allowMultipleParents) {
      throw new AppError('CONFLICT', 'This project keeps each code under one parent. Allow several parents in the project settings to place it in more than one category.');
    }
    if (input.parentId === null) throw new AppError('BAD_REQUEST', 'Choose the category to add the code to.');
    if (current.includes(input.parentId)) {
      throw new AppError('CONFLICT', `“${requireNodeRow(db, input.id).name}” is already under “${requireNodeRow(db, input.parentId).name}”.`);
    }
    link(db, input.parentId, input.id);
    placeAmongSiblings(db, input.parentId, input.id, input.index);
    return;
  }
  let from: string | null;
  if (current.length <= 1) from = current[0] ?? null;
  else if (input.fromParentId !== undefined && input.fromParentId !== null && current.includes(input.fromParentId)) from = input.fromParentId;
  else if (input.parentId !== null && current.includes(input.parentId)) from = input.parentId;
  else throw new AppError('CONFLICT', 'This code sits under several categories; say which of them to move it from.');
  if (from !== null && from !== input.parentId) unlink(db, from, input.id);
  if (input.parentId !== null) link(db, input.parentId, input.id);
  placeAmongSiblings(db, input.parentId, input.id, input.index);
}

/** A node that moves, with the parent its row showed it under (stale after a quick earlier move; checked). */
export interface MovingItem {
  readonly id: string;
  readonly fromParentId?: string | null;
}

/** A move made concrete against the tree as it is: the parent, the sibling the nodes go before (null: last), each node's parent now. */
export interface ResolvedMove {
  readonly parentId: string | null;
  readonly beforeId: string | null;
  readonly items: readonly MovingItem[];
  /** The parent the nodes leave on an outdent, for the words. */
  readonly outOf: string | null;
  /** Their place among the new siblings afterwards, from 1. */
  readonly place: number;
}

/** The parent a node sits under now: its only one, else the one its row named if it is still one; undefined when that cannot be told. */
function parentNow(tree: readonly TreeRow[], id: string, named: string | null | undefined): string | null | undefined {
  const parents = tree.find((n) => n.id === id)?.parentIds ?? [];
  if (parents.length <= 1) return parents[0] ?? null;
  return named !== undefined && named !== null && parents.includes(named) ? named : undefined;
}

/** The one parent the nodes of a step move (up, down, out, in) stand under side by side. */
function sharedParent(tree: readonly TreeRow[], items: readonly MovingItem[]): string | null {
  const parents = new Set(items.map((item) => parentNow(tree, item.id, item.fromParentId)));
  if (parents.has(undefined)) throw new AppError('CONFLICT', 'This code sits under several categories; select the row under the one to move it in.');
  if (parents.size > 1) throw new AppError('CONFLICT', 'These nodes sit under different parents: a step up, down, out or in moves nodes that stand side by side.');
  return [...parents][0] as string | null;
}

/**
 * Finds where a move goes in the tree as it stands now, not as the screen showed it when the key was
 * pressed: a second Alt+arrow sent before the first was redrawn starts where the first left the node.
 */
export function resolveMove(db: Database.Database, items: readonly MovingItem[], to: MoveTarget): ResolvedMove {
  for (const item of items) requireNodeRow(db, item.id);
  const tree = loadTree(db);
  const moving = new Set(items.map((item) => item.id));
  const staying = (parentId: string | null) => siblingIds(db, parentId).filter((id) => !moving.has(id));
  const who = items.length === 1 ? `“${tree.find((n) => n.id === items[0].id)!.name}” is` : 'These are';
  let parentId: string | null;
  let beforeId: string | null = null;
  let outOf: string | null = null;
  if (to.kind === 'inside') {
    if (to.nodeId !== null) requireNodeRow(db, to.nodeId);
    parentId = to.nodeId;
    beforeId = to.at === 'first' ? (staying(parentId)[0] ?? null) : null;
  } else if (to.kind === 'before' || to.kind === 'after') {
    requireNodeRow(db, to.nodeId);
    if (moving.has(to.nodeId)) throw new AppError('CONFLICT', 'A node cannot go before or after itself.');
    parentId = parentNow(tree, to.nodeId, to.parentId) ?? tree.find((n) => n.id === to.nodeId)!.parentIds[0];
    const others = staying(parentId);
    beforeId = to.kind === 'before' ? to.nodeId : (others[others.indexOf(to.nodeId) + 1] ?? null);
  } else {
    const from = sharedParent(tree, items);
    const order = siblingIds(db, from);
    const positions = order.flatMap((id, i) => (moving.has(id) ? [i] : []));
    const above = order.slice(0, positions[0]).filter((id) => !moving.has(id));
    const below = order.slice(positions[positions.length - 1] + 1).filter((id) => !moving.has(id));
    if (to.kind === 'up') {
      if (above.length === 0) throw new AppError('CONFLICT', `${who} first among ${items.length === 1 ? 'its' : 'their'} siblings.`);
      parentId = from;
      beforeId = above[above.length - 1];
    } else if (to.kind === 'down') {
      if (below.length === 0) throw new AppError('CONFLICT', `${who} last among ${items.length === 1 ? 'its' : 'their'} siblings.`);
      parentId = from;
      beforeId = below[1] ?? null;
    } else if (to.kind === 'indent') {
      if (above.length === 0) throw new AppError('CONFLICT', `${who} first among ${items.length === 1 ? 'its' : 'their'} siblings: there is no sibling above to go under.`);
      parentId = above[above.length - 1];
    } else {
      if (from === null) throw new AppError('CONFLICT', `${who} already at the top level.`);
      outOf = from;
      // A parent under several categories: out to the first of them.
      parentId = tree.find((n) => n.id === from)!.parentIds[0] ?? null;
      const others = staying(parentId);
      beforeId = others[others.indexOf(from) + 1] ?? null;
    }
  }
  const others = staying(parentId);
  const place = (beforeId === null ? others.length : others.indexOf(beforeId)) + 1;
  return { parentId, beforeId, outOf, place, items: items.map((item) => ({ id: item.id, fromParentId: parentNow(tree, item.id, item.fromParentId) ?? item.fromParentId })) };
}

/** Moves nodes in one step: the first before `beforeId` (or last), each next one right after the one before, so a selection keeps its order. */
export function moveNodes(db: Database.Database, move: ResolvedMove, addParent: boolean, allowMultipleParents: boolean): void {
  move.items.forEach((item, i) => {
    const order = siblingIds(db, move.parentId).filter((id) => id !== item.id);
    const index = i > 0 ? order.indexOf(move.items[i - 1].id) + 1 : move.beforeId === null ? order.length : order.indexOf(move.beforeId);
    moveNode(db, { ...item, parentId: move.parentId, index, addParent }, allowMultipleParents);
  });
}

export function unlinkParent(db: Database.Database, id: string, parentId: string): void {
  requireNodeRow(db, id);
  const parents = stmt(db, `SELECT parent_id FROM codebook_links WHERE child_id = ?`).pluck().all(id) as string[];
  if (!parents.includes(parentId)) throw new AppError('NOT_FOUND', 'That node is not under that parent.');
  if (parents.length === 1) throw new AppError('CONFLICT', 'This is the node’s only parent; move it instead.');
  unlink(db, parentId, id);
}

/** Rows that point at a node besides its codings and links: moved on merge, removed on delete. */
function repointReferences(db: Database.Database, fromId: string, toId: string | null): void {
  stmt(db, `UPDATE resolutions SET code_id = ? WHERE code_id = ?`).run(toId, fromId);
  stmt(db, `UPDATE resolutions SET other_code_id = ? WHERE other_code_id = ?`).run(toId, fromId);
}

export function mergeNodes(db: Database.Database, sourceId: string, targetId: string): { moved: number; collapsed: number } {
  if (sourceId === targetId) throw new AppError('BAD_REQUEST', 'Choose two different codes to merge.');
  requireNodeRow(db, sourceId);
  requireNodeRow(db, targetId);
  const tree = loadTree(db);
  if (subtreeIds(tree, sourceId).has(targetId) || subtreeIds(tree, targetId).has(sourceId)) {
    throw new AppError('CONFLICT', 'One of these is inside the other. Move it out first, or merge codes that sit side by side.');
  }
  let moved = 0;
  let collapsed = 0;
  const codings = stmt(db, `SELECT id, coder_id, document_id, unit_id, start, "end" FROM codings WHERE code_id = ?`).all(sourceId) as {
    id: string;
    coder_id: string;
    document_id: string;
    unit_id: string | null;
    start: number | null;
    end: number | null;
  }[];
  for (const c of codings) {
    const duplicate = c.unit_id
      ? stmt(db, `SELECT 1 FROM codings WHERE unit_id = ? AND code_id = ? AND coder_id = ?`).get(c.unit_id, targetId, c.coder_id)
      : stmt(db, `SELECT 1 FROM codings WHERE document_id = ? AND code_id = ? AND coder_id = ? AND start = ? AND "end" = ?`).get(
          c.document_id,
          targetId,
          c.coder_id,
          c.start,
          c.end,
        );
    if (duplicate) {
      stmt(db, `DELETE FROM codings WHERE id = ?`).run(c.id);
      collapsed += 1;
    } else {
      stmt(db, `UPDATE codings SET code_id = ? WHERE id = ?`).run(targetId, c.id);
      moved += 1;
    }
  }
  for (const q of stmt(db, `SELECT id, unit_id FROM quotes WHERE node_id = ?`).all(sourceId) as { id: string; unit_id: string }[]) {
    const duplicate = stmt(db, `SELECT 1 FROM quotes WHERE node_id = ? AND unit_id = ?`).get(targetId, q.unit_id);
    if (duplicate) stmt(db, `DELETE FROM quotes WHERE id = ?`).run(q.id);
    else stmt(db, `UPDATE quotes SET node_id = ? WHERE id = ?`).run(targetId, q.id);
  }
  stmt(db, `UPDATE memos SET target_id = ? WHERE target_type = 'node' AND target_id = ?`).run(targetId, sourceId);
  repointReferences(db, sourceId, targetId);
  // The target keeps its own words; it takes the source's only where it has none.
  const words = `SELECT definition, inclusion, exclusion, example_unit_id FROM codebook_nodes WHERE id = ?`;
  const from = stmt(db, words).get(sourceId) as Record<string, string | null>;
  const to = stmt(db, words).get(targetId) as Record<string, string | null>;
  for (const column of ['definition', 'inclusion', 'exclusion', 'example_unit_id']) {
    if (!to[column] && from[column]) stmt(db, `UPDATE codebook_nodes SET ${column} = ? WHERE id = ?`).run(from[column], targetId);
  }
  for (const child of siblingIds(db, sourceId)) {
    unlink(db, sourceId, child);
    link(db, targetId, child);
  }
  removeNodeRow(db, sourceId);
  return { moved, collapsed };
}

/** Deletes one node and everything that hangs on it, each row explicitly so the audit log names it. */
function removeNodeRow(db: Database.Database, id: string): void {
  stmt(db, `DELETE FROM codings WHERE code_id = ?`).run(id);
  stmt(db, `DELETE FROM quotes WHERE node_id = ?`).run(id);
  stmt(db, `DELETE FROM memos WHERE target_type = 'node' AND target_id = ?`).run(id);
  stmt(db, `DELETE FROM map_positions WHERE id = ?`).run(id);
  repointReferences(db, id, null);
  stmt(db, `DELETE FROM codebook_links WHERE parent_id = ? OR child_id = ?`).run(id, id);
  stmt(db, `DELETE FROM codebook_nodes WHERE id = ?`).run(id);
}

export interface SplitPart {
  readonly name: string;
  readonly colour?: string;
  readonly codingIds: readonly string[];
}

export function splitNode(
  db: Database.Database,
  id: string,
  parts: readonly SplitPart[],
  removeEmptyOriginal: boolean,
  visibleCoderId: string | null,
): { created: string[]; moved: number; originalRemoved: boolean } {
  const original = requireNodeRow(db, id);
  const parents = stmt(db, `SELECT parent_id FROM codebook_links WHERE child_id = ? ORDER BY sort`).pluck().all(id) as string[];
  const claimed = new Set<string>();
  const created: string[] = [];
  let moved = 0;
  const position = (stmt(db, `SELECT sort FROM codebook_nodes WHERE id = ?`).pluck().get(id) as number) + 1;
  parts.forEach((part, i) => {
    const newId = createNode(db, { level: original.level, name: part.name, parentId: parents[0] ?? null, index: position + i, colour: part.colour });
    for (const extra of parents.slice(1)) link(db, extra, newId);
    created.push(newId);
    for (const codingId of part.codingIds) {
      if (claimed.has(codingId)) throw new AppError('BAD_REQUEST', 'A coding can go to only one of the new codes.');
      claimed.add(codingId);
      const row = stmt(db, `SELECT code_id, coder_id FROM codings WHERE id = ?`).get(codingId) as { code_id: string; coder_id: string } | undefined;
      if (!row || row.code_id !== id || (visibleCoderId !== null && row.coder_id !== visibleCoderId)) {
        throw new AppError('NOT_FOUND', `Some of the codings to move are not on “${original.name}” (they may have changed). Reload and try again.`);
      }
      stmt(db, `UPDATE codings SET code_id = ? WHERE id = ?`).run(newId, codingId);
      moved += 1;
    }
  });
  const left = stmt(db, `SELECT count(*) FROM codings WHERE code_id = ?`).pluck().get(id) as number;
  const originalRemoved = removeEmptyOriginal && left === 0;
  if (originalRemoved) {
    for (const child of siblingIds(db, id)) {
      unlink(db, id, child);
      link(db, created[0], child);
    }
    removeNodeRow(db, id);
  }
  return { created, moved, originalRemoved };
}

export interface DeletePlan {
  readonly nodeIds: readonly string[];
  readonly keptChildren: readonly string[];
  readonly codings: number;
  readonly quotes: number;
  readonly memos: number;
}

/** What deleting a node takes with it; with children, a descendant that also sits elsewhere stays there. */
export function planDelete(db: Database.Database, id: string, withChildren: boolean): DeletePlan {
  requireNodeRow(db, id);
  const tree = loadTree(db);
  let nodeIds = [id];
  if (withChildren) {
    const inside = subtreeIds(tree, id);
    // Nodes that also hang from something outside the deleted branch survive it.
    const survivors = new Set<string>();
    let changed = true;
    while (changed) {
      changed = false;
      for (const n of tree) {
        if (!inside.has(n.id) || n.id === id || survivors.has(n.id)) continue;
        if (n.parentIds.some((p) => !inside.has(p) || survivors.has(p))) {
          survivors.add(n.id);
          changed = true;
        }
      }
    }
    nodeIds = [...inside].filter((n) => !survivors.has(n));
  }
  const keptChildren = withChildren ? [] : siblingIds(db, id);
  const count = (sql: string) => stmt(db, sql).pluck().get(JSON.stringify(nodeIds)) as number;
  return {
    nodeIds,
    keptChildren,
    codings: count(`SELECT count(*) FROM codings WHERE code_id IN (SELECT value FROM json_each(?))`),
    quotes: count(`SELECT count(*) FROM quotes WHERE node_id IN (SELECT value FROM json_each(?))`),
    memos: count(`SELECT count(*) FROM memos WHERE target_type = 'node' AND target_id IN (SELECT value FROM json_each(?))`),
  };
}

export function deleteNodes(db: Database.Database, id: string, plan: DeletePlan): void {
  const parents = stmt(db, `SELECT parent_id FROM codebook_links WHERE child_id = ? ORDER BY sort`).pluck().all(id) as string[];
  const position = stmt(db, `SELECT sort FROM codebook_nodes WHERE id = ?`).pluck().get(id) as number;
  // Children of a node deleted on its own move up to where it was.
  plan.keptChildren.forEach((child, i) => {
    unlink(db, id, child);
    for (const p of parents) link(db, p, child);
    placeAmongSiblings(db, parents[0] ?? null, child, position + i);
  });
  for (const nodeId of plan.nodeIds) removeNodeRow(db, nodeId);
}
