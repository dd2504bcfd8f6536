import { describe, expect, it } from 'vitest';
import { columnWidths } from '../../../electron/core/export/docx-kit';
import type { ReportTable } from '../../../shared/api/methods/reports';

const table = (columns: [string, number][]): ReportTable => ({
  kind: 'table',
  number: 1,
  title: 't',
  columns: columns.map(([label, width]) => ({ label, width })),
  rows: [],
  note: '',
  totalRows: 0,
});

describe('table column widths', () => {
  it('share the text width in the given proportions', () => {
    expect(columnWidths(table([['A', 1], ['B', 3]]), 8000)).toEqual([2000, 6000]);
  });

  it('widen a column whose header word would break, taking the room from the widest', () => {
    const widths = columnWidths(table([['Code', 10], ['Participants', 0.5], ['n', 0.5]]), 9000);
    expect(widths.reduce((s, w) => s + w, 0)).toBe(9000);
    expect(widths[1]).toBeGreaterThanOrEqual('Participants'.length * 115 + 170);
    expect(widths[0]).toBeLessThan(9000 * (10 / 11));
  });
});

describe('table column widths on a crowded page', () => {
  it('stay positive whole twips that fill the page when the header words cannot all fit (104 columns)', () => {
    const columns: [string, number][] = [['Code', 3], ...Array.from({ length: 104 }, (_v, i): [string, number] => [`Joined the ward: 2014-03-${String(i % 28).padStart(2, '0')}`, 1])];
    const widths = columnWidths(table(columns), 13958);
    expect(widths.every((w) => Number.isInteger(w) && w > 0)).toBe(true);
    expect(widths.reduce((s, w) => s + w, 0)).toBe(13958);
  });

  it('give each column an equal share when the page is narrower than every column’s minimum', () => {
    const widths = columnWidths(table(Array.from({ length: 40 }, (_v, i): [string, number] => [`Column-${i}-with-a-long-header`, 1])), 9026);
    expect(Math.min(...widths)).toBeGreaterThan(0);
    expect(Math.max(...widths) - Math.min(...widths)).toBeLessThanOrEqual(40);
  });
});

describe('table column widths from the cells', () => {
  const withRows = (columns: [string, number][], cells: string[]): ReportTable => ({
    ...table(columns),
    rows: [{ cells: cells.map((text) => ({ paras: [{ runs: [{ text }] }] })) }],
    totalRows: 1,
  });

  it('widen a column so that a short figure in its cells does not break', () => {
    const narrow = columnWidths(withRows([['Code', 12], ['κ', 0.3]], ['Finding a safe harbour', '0.706']), 9000);
    const bare = columnWidths(table([['Code', 12], ['κ', 0.3]]), 9000);
    expect(narrow[1]).toBeGreaterThan(bare[1]);
    expect(narrow[1]).toBeGreaterThanOrEqual('0.706'.length * 110 + 170);
  });

  it('measure a hyphenated header word by its parts, where Word may break it', () => {
    const [, hyphenated] = columnWidths(table([['Code', 12], ['Non-binary', 0.3]]), 9000);
    const [, whole] = columnWidths(table([['Code', 12], ['Nonxbinary', 0.3]]), 9000);
    expect(hyphenated).toBeLessThan(whole);
  });
});
