import { describe, expect, it } from 'vitest';
import type { CodebookNode } from '../../../shared/api/entities';
import { levelProblem, placementProblem } from '../../../shared/domain/codebook-tree';
import {
  dropTarget,
  flattenCodebook,
  moveTargets,
  visibleRows,
} from '../../../renderer/features/codebook/codebook-tree';

// The tree's model: which rows show and where a drop puts a node; React Aria's Tree moves the focus.

function node(id: string, level: CodebookNode['level'], parentIds: string[] = [], sort = 0): CodebookNode {
  return { id, level, name: id, definition: '', inclusion: '', exclusion: '', exampleUnitId: null, colour: '#888888', shortcut: null, status: null, parentIds, sort, codings: 0 };
}

const nodes = [
  node('theme', 'theme'),
  node('catA', 'category', ['theme']),
  node('sub1', 'subcategory', ['catA']),
  node('code1', 'code', ['sub1']),
  node('code2', 'code', ['sub1']),
  node('code3', 'code', ['sub1']),
  node('catB', 'category', ['theme']),
  node('code4', 'code', ['catB']),
  node('loose', 'code'),
];
const rows = flattenCodebook(nodes);
const row = (id: string) => rows.find((r) => r.node.id === id)!;
const ids = (list: readonly { node: { id: string } }[]) => list.map((r) => r.node.id);

describe('the codebook tree by keyboard', () => {
  it('hides what is under a collapsed node, at any depth, and nothing else', () => {
    expect(ids(visibleRows(rows, new Set(['catA'])))).toEqual(['theme', 'catA', 'catB', 'code4', 'loose']);
    expect(ids(visibleRows(rows, new Set(['sub1', 'catB'])))).toEqual(['theme', 'catA', 'sub1', 'catB', 'loose']);
    expect(ids(visibleRows(rows, new Set(['theme'])))).toEqual(['theme', 'loose']);
    expect(visibleRows(rows, new Set())).toHaveLength(rows.length);
  });

  // Where Alt+arrows, paste and Move to… land is found by the core (tests/integration/codebook-tree-moves.test.ts).
  it('a drop names the row it fell on: before, after or inside; after an open parent is its first child', () => {
    expect(dropTarget(row('code2'), 'before', false)).toEqual({ to: { kind: 'before', nodeId: 'code2', parentId: 'sub1' }, parentId: 'sub1' });
    expect(dropTarget(row('code2'), 'after', false)).toEqual({ to: { kind: 'after', nodeId: 'code2', parentId: 'sub1' }, parentId: 'sub1' });
    expect(dropTarget(row('catB'), 'inside', true)).toEqual({ to: { kind: 'inside', nodeId: 'catB', at: 'last' }, parentId: 'catB' });
    expect(dropTarget(row('catB'), 'after', true)).toEqual({ to: { kind: 'inside', nodeId: 'catB', at: 'first' }, parentId: 'catB' });
    expect(dropTarget(row('catB'), 'after', false)).toEqual({ to: { kind: 'after', nodeId: 'catB', parentId: 'theme' }, parentId: 'theme' });
    expect(dropTarget(row('loose'), 'before', false).parentId).toBeNull();
  });

  it('Move to… never offers the node, its branch, or a lower level', () => {
    const targetsFor = (...moving: string[]) => moveTargets(nodes, nodes.filter((n) => moving.includes(n.id))).map((n) => n.id);
    expect(targetsFor('catA')).toEqual(['theme', 'catB']);
    expect(targetsFor('code1', 'code4')).toEqual(['theme', 'catA', 'sub1', 'code2', 'code3', 'catB', 'loose']);
    expect(targetsFor('sub1')).toEqual(['theme', 'catA', 'catB']);
  });

  it('a category under a code is refused with a sentence; the same level may nest', () => {
    expect(levelProblem(node('Support', 'category'), node('Exam nerves', 'code'))).toMatch(/^A category cannot go under a code \(“Support” under “Exam nerves”\)/);
    expect(levelProblem(node('a', 'code'), node('b', 'code'))).toBeNull();
    expect(levelProblem(node('a', 'theme'), null)).toBeNull();
    // A whole placement: into its own branch, a lower level, or fine.
    expect(placementProblem(nodes, 'catA', 'code2')).toBe('A node cannot go inside itself or inside one of its own children.');
    expect(placementProblem(nodes, 'catB', 'loose')).toMatch(/^A category cannot go under a code/);
    expect(placementProblem(nodes, 'code4', 'sub1')).toBeNull();
    expect(placementProblem(nodes, 'catB', null)).toBeNull();
  });
});
