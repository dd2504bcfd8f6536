import { describe, expect, it } from 'vitest';
import { layoutTree, mergePositions } from '../../../renderer/features/analysis/map-layout';

const gaps = { columnGap: 100, rowGap: 10 };

describe('thematic map layout', () => {
  it('puts each level one column further and parents level with the middle of their children', () => {
    const p = layoutTree(
      [
        { id: 'theme', parentIds: [] },
        { id: 'cat1', parentIds: ['theme'] },
        { id: 'a', parentIds: ['cat1'] },
        { id: 'b', parentIds: ['cat1'] },
        { id: 'cat2', parentIds: ['theme'] },
        { id: 'c', parentIds: ['cat2'] },
      ],
      gaps,
    );
    expect(p.get('a')).toEqual({ x: 200, y: 0 });
    expect(p.get('b')).toEqual({ x: 200, y: 10 });
    expect(p.get('c')).toEqual({ x: 200, y: 20 });
    expect(p.get('cat1')).toEqual({ x: 100, y: 5 });
    expect(p.get('cat2')).toEqual({ x: 100, y: 20 });
    expect(p.get('theme')).toEqual({ x: 0, y: 12.5 });
  });

  it('places a node with two parents once, leaves space between trees, and ignores parents not on the map', () => {
    const p = layoutTree(
      [
        { id: 't1', parentIds: [] },
        { id: 'x', parentIds: ['t1', 't2'] },
        { id: 't2', parentIds: ['hidden'] },
        { id: 'y', parentIds: ['t2'] },
      ],
      gaps,
    );
    expect(p.size).toBe(4);
    expect(p.get('x')).toEqual({ x: 100, y: 0 });
    // t2 is a root here (its parent is not shown); half a row separates the two trees.
    expect(p.get('y')).toEqual({ x: 100, y: 15 });
    expect(p.get('t2')).toEqual({ x: 0, y: 15 });
  });

  it('survives a cycle without a root', () => {
    const p = layoutTree(
      [
        { id: 'a', parentIds: ['b'] },
        { id: 'b', parentIds: ['a'] },
      ],
      gaps,
    );
    expect([...p.keys()].sort()).toEqual(['a', 'b']);
  });

  it('keeps saved places and lays out the rest', () => {
    const nodes = [
      { id: 'a', parentIds: [], x: 7, y: 9 },
      { id: 'b', parentIds: ['a'], x: null, y: null },
    ];
    const merged = mergePositions(nodes, layoutTree(nodes, gaps));
    expect(merged.get('a')).toEqual({ x: 7, y: 9 });
    expect(merged.get('b')).toEqual({ x: 100, y: 0 });
  });
});
