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
