import { describe, expect, it } from 'vitest';
import { renderXlsx, XLSX_MAX_ROWS } from '../../../electron/core/export/spreadsheet';

// A worksheet holds 1,048,576 rows; a longer sheet made a file Excel refuses. The large study's
// reliability data (a row per unit and code) runs to millions of rows, so the limit is met in use.

describe('the .xlsx row limit', () => {
  it('refuses a sheet longer than a worksheet holds, with the count and the way out', async () => {
    const row = ['u', 1];
    const rows = new Array<(string | number)[]>(XLSX_MAX_ROWS).fill(row);
    await expect(renderXlsx([{ name: 'Reliability', columns: ['unit', 'A'], rows, totalRows: rows.length }], 'Reliability data')).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/1,048,576 rows, more than a worksheet holds .*Save it as \.csv/),
    });
  });

  it('writes a sheet that fits', async () => {
    const bytes = await renderXlsx([{ name: 'Small', columns: ['a'], rows: [['x']], totalRows: 1 }], 'Small');
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  });
});
