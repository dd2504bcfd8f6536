import { describe, expect, it } from 'vitest';
import type { CodebookNode } from '../../../shared/api/entities';
import { LEVELS_BY_METHOD } from '../../../shared/domain/vocabulary';
import {
  childDraft,
  draftDepth,
  draftPosition,
  flattenCodebook,
  levelDraft,
  parentForNew,
  siblingDraft,
} from '../../../renderer/features/codebook/codebook-tree';

// A new node goes where the user asked: under the selected node's branch at the level above it.

function node(id: string, level: CodebookNode['level'], parentIds: string[] = []): CodebookNode {
  return { id, level, name: id, definition: '', inclusion: '', exclusion: '', exampleUnitId: null, colour: '#888888', shortcut: null, status: null, parentIds, sort: 0, codings: 0 };
}

const levels = LEVELS_BY_METHOD['content-analysis'];
const nodes = [
  node('theme', 'theme'),
  node('catA', 'category', ['theme']),
  node('catB', 'category', ['theme']),
  node('subA', 'subcategory', ['catA']),
  node('code1', 'code', ['subA']),
  // One code under two subcategories: the row the user clicked decides the branch.
  node('subB', 'subcategory', ['catB']),
  node('shared', 'code', ['subA', 'subB']),
];
const rows = flattenCodebook(nodes);
const row = (id: string, parentId?: string) => rows.find((r) => r.node.id === id && (parentId === undefined || r.parentId === parentId))!;
const parent = (level: CodebookNode['level'], selected: ReturnType<typeof row> | undefined) => parentForNew(level, selected, nodes, levels)?.id ?? null;

describe('where a new node goes', () => {
  it('a subcategory with a code selected goes under the code’s category, not under its subcategory', () => {
    expect(parent('subcategory', row('code1'))).toBe('catA');
  });

  it('a subcategory with a subcategory selected goes beside it, under the same category', () => {
    expect(parent('subcategory', row('subA'))).toBe('catA');
  });

  it('under the selected node when it is above the new level', () => {
    expect(parent('subcategory', row('catB'))).toBe('catB');
    expect(parent('code', row('subB'))).toBe('subB');
    expect(parent('category', row('theme'))).toBe('theme');
  });

  it('follows the branch the selected row is shown on', () => {
    expect(parent('subcategory', row('shared', 'subB'))).toBe('catB');
    expect(parent('subcategory', row('shared', 'subA'))).toBe('catA');
  });

  it('at the top for a theme, or with nothing selected', () => {
    expect(parent('theme', row('code1'))).toBeNull();
    expect(parent('code', undefined)).toBeNull();
  });
});

describe('a new node’s row, before it is named', () => {
  it('Enter: the same level under the same parent, right after the row and all beneath it', () => {
    const d = siblingDraft(rows, row('catA'));
    expect(d).toMatchObject({ level: 'category', parentId: 'theme', index: 1 });
    // After catA's branch (subA, code1, shared), before catB.
    expect(rows[draftPosition(rows, d)].node.id).toBe('catB');
    expect(draftDepth(d)).toBe(1);
  });

  it('Ctrl+Enter: one level below, as the last child; nothing below a code', () => {
    const d = childDraft(row('subB'), levels)!;
    expect(d).toMatchObject({ level: 'code', parentId: 'subB' });
    expect(d.index).toBeUndefined();
    expect(draftDepth(d)).toBe(3);
    // After subB's own child, at the end of the tree.
    expect(draftPosition(rows, d)).toBe(rows.length);
    expect(childDraft(row('catA'), levels)?.level).toBe('subcategory');
    expect(childDraft(row('code1'), levels)).toBeNull();
    expect(childDraft(row('theme'), LEVELS_BY_METHOD['thematic-analysis'])?.level).toBe('subtheme');
  });

  it('a toolbar level opens under the parent on the branch the selected row is shown on', () => {
    const d = levelDraft('subcategory', row('shared', 'subB'), rows, nodes, levels);
    expect(d.parentId).toBe('catB');
    expect(d.parentPath).toBe(row('catB').path);
    expect(levelDraft('theme', row('code1'), rows, nodes, levels)).toMatchObject({ parentId: null, parentPath: '' });
    expect(draftPosition(rows, levelDraft('theme', undefined, rows, nodes, levels))).toBe(rows.length);
  });
});
