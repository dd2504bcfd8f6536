import type Database from 'better-sqlite3';
import type { AnalysisNode } from '../../../shared/api/methods/analysis';
import { ancestorsByLevel } from '../../../shared/domain/codebook-tree';
import type { NodeLevel, ThemeStatus } from '../../../shared/domain/vocabulary';
import { stmt } from '../store/statements';
import { dataVersion } from './coded-rows';

export interface IndexedNode extends AnalysisNode {
  readonly status: ThemeStatus | null;
  readonly definition: string;
}

/** The codebook in reading order (depth first, siblings by their sort), with roll-up lookups. */
export interface CodebookIndex {
  readonly nodes: readonly IndexedNode[];
  readonly byId: ReadonlyMap<string, IndexedNode>;
  readonly position: ReadonlyMap<string, number>;
  /** The node itself and every node above it: where a coding with this code is counted. */
  selfAndAncestors(id: string): readonly string[];
  /** The nodes of one level a coding with this code counts towards (itself, or its ancestors there). */
  atLevel(id: string, level: NodeLevel): readonly string[];
}

interface NodeRow {
  id: string;
  name: string;
  level: NodeLevel;
  colour: string;
  status: ThemeStatus | null;
  definition: string;
}

/** Orders nodes depth first from the roots; a node under two parents is listed once, under the first. */
export function depthFirst<N extends { readonly id: string }>(
  roots: readonly N[],
  childrenOf: (id: string) => readonly N[],
): { node: N; depth: number }[] {
  const out: { node: N; depth: number }[] = [];
  const seen = new Set<string>();
  const visit = (node: N, depth: number) => {
    if (seen.has(node.id)) return;
    seen.add(node.id);
    out.push({ node, depth });
    for (const child of childrenOf(node.id)) visit(child, depth + 1);
  };
  for (const r of roots) visit(r, 0);
  return out;
}

// Kept per connection until the project changes, like the study index.
const indexes = new WeakMap<Database.Database, { version: string; index: CodebookIndex }>();

export function loadCodebookIndex(db: Database.Database): CodebookIndex {
  const version = dataVersion(db);
  const cached = indexes.get(db);
  if (cached && cached.version === version) return cached.index;
  const index = buildCodebookIndex(db);
  indexes.set(db, { version, index });
  return index;
}

function buildCodebookIndex(db: Database.Database): CodebookIndex {
  const rows = stmt(db, `SELECT id, name, level, colour, status, definition FROM codebook_nodes ORDER BY sort, name`).all() as NodeRow[];
  const links = stmt(db, `SELECT parent_id AS p, child_id AS c FROM codebook_links ORDER BY sort`).all() as { p: string; c: string }[];
  const rowById = new Map(rows.map((r) => [r.id, r]));
  const parents = new Map<string, string[]>();
  const children = new Map<string, NodeRow[]>();
  for (const l of links) {
    const child = rowById.get(l.c);
    if (!child || !rowById.has(l.p)) continue;
    parents.set(l.c, [...(parents.get(l.c) ?? []), l.p]);
    children.set(l.p, [...(children.get(l.p) ?? []), child]);
  }
  const ordered = depthFirst(
    rows.filter((r) => !parents.has(r.id)),
    (id) => children.get(id) ?? [],
  );
  // Nodes caught in a cycle have no root above them; keep them, at the end.
  const placed = new Set(ordered.map((o) => o.node.id));
  for (const r of rows) if (!placed.has(r.id)) ordered.push({ node: r, depth: 0 });

  const nodes: IndexedNode[] = ordered.map(({ node, depth }) => ({
    nodeId: node.id,
    name: node.name,
    level: node.level,
    colour: node.colour,
    depth,
    parentIds: parents.get(node.id) ?? [],
    status: node.status,
    definition: node.definition,
  }));
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const position = new Map(nodes.map((n, i) => [n.nodeId, i]));
  const above = ancestorsByLevel(nodes.map((n) => ({ id: n.nodeId, level: n.level, parentIds: n.parentIds })));
  const upCache = new Map<string, string[]>();
  const levelCache = new Map<string, string[]>();
  const selfAndAncestors = (id: string): string[] => {
    let up = upCache.get(id);
    if (!up) {
      up = byId.has(id) ? [id, ...[...(above.get(id)?.values() ?? [])].flat().map((a) => a.id)] : [];
      upCache.set(id, up);
    }
    return up;
  };
  return {
    nodes,
    byId,
    position,
    selfAndAncestors,
    atLevel(id, level) {
      const key = `${level}\u0000${id}`;
      let found = levelCache.get(key);
      if (!found) {
        found = selfAndAncestors(id).filter((a) => byId.get(a)?.level === level);
        levelCache.set(key, found);
      }
      return found;
    },
  };
}

/** The public shape of a node in analysis results. */
export function nodeOut(n: IndexedNode): AnalysisNode {
  return { nodeId: n.nodeId, name: n.name, level: n.level, colour: n.colour, depth: n.depth, parentIds: [...n.parentIds] };
}
