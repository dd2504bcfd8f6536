import { describe, expect, it } from 'vitest';
import { depthFirst } from '../../../electron/core/analysis/codebook-index';
import { DistinctCounter, orderBy } from '../../../electron/core/analysis/counting';
import { cellValue, formatCellValue } from '../../../shared/domain/matrix-cells';
import { formatRanges, sourcesLabel } from '../../../shared/domain/number-ranges';

describe('source ranges as a meta-synthesis prints them', () => {
  it('folds runs of three or more into en-dash ranges and lists the rest', () => {
    expect(formatRanges([36, 37, 38])).toBe('36–38');
    expect(formatRanges([41, 36, 38, 37, 12])).toBe('12, 36–38, 41');
    expect(formatRanges([3, 4])).toBe('3, 4');
    expect(formatRanges([1, 2, 3, 5, 6, 8, 9, 10, 11])).toBe('1–3, 5, 6, 8–11');
  });

  it('ignores duplicates and non-integers, and is empty for no sources', () => {
    expect(formatRanges([7, 7, 8, 8, 9])).toBe('7–9');
    expect(formatRanges([2.5, 4])).toBe('4');
    expect(formatRanges([])).toBe('');
  });

  it('labels a node with its sources, or leaves the bare name when nothing supports it', () => {
    expect(sourcesLabel('empathic', [38, 36, 37])).toBe('empathic (36–38)');
    expect(sourcesLabel('distant', [])).toBe('distant');
  });
});

describe('matrix cells as counts or percentages', () => {
  it('gives the count, or the share of the row or column total', () => {
    expect(cellValue('counts', 3, 12, 4)).toBe(3);
    expect(cellValue('row', 3, 12, 4)).toBe(25);
    expect(cellValue('column', 3, 12, 4)).toBe(75);
  });

  it('is 0 rather than NaN when a total is 0', () => {
    expect(cellValue('row', 0, 0, 5)).toBe(0);
    expect(cellValue('column', 0, 5, 0)).toBe(0);
  });

  it('prints percentages with one decimal', () => {
    expect(formatCellValue('counts', 12)).toBe('12');
    expect(formatCellValue('row', 100 / 3)).toBe('33.3%');
    expect(formatCellValue('column', 50)).toBe('50.0%');
  });
});

describe('counting helpers', () => {
  it('orders rows by key in linear time, negative keys first, stable within a key', () => {
    const keys = Int32Array.from([2, -1, 0, 2, 1, -1, 0]);
    expect(Array.from(orderBy(keys, 3))).toEqual([1, 5, 2, 6, 4, 0, 3]);
  });

  it('counts distinct keys per tally when rows come in key order', () => {
    const counter = new DistinctCounter(2);
    const seen = [
      [0, 5],
      [0, 5],
      [1, 5],
      [0, 7],
      [1, 7],
      [1, 7],
    ].map(([t, k]) => counter.see(t, k));
    expect(seen).toEqual([true, false, true, true, true, false]);
    expect(Array.from(counter.counts)).toEqual([2, 2]);
  });
});

describe('codebook reading order', () => {
  it('walks depth first and lists a node under two parents once, under the first', () => {
    const children: Record<string, { id: string }[]> = {
      t: [{ id: 'c1' }, { id: 'c2' }],
      c1: [{ id: 'a' }, { id: 'shared' }],
      c2: [{ id: 'shared' }, { id: 'b' }],
    };
    const order = depthFirst([{ id: 't' }, { id: 'loose' }], (id) => children[id] ?? []);
    expect(order.map((o) => `${o.node.id}@${o.depth}`)).toEqual(['t@0', 'c1@1', 'a@2', 'shared@2', 'c2@1', 'b@2', 'loose@0']);
  });
});
