import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReportOptions } from '../../shared/api/methods/reports';
import { csvLines } from '../../shared/text/csv-write';
import { ReportData } from '../../electron/core/export/data';
import { reliabilityReport } from '../../electron/core/export/reports/reliability';
import { renderCsv } from '../../electron/core/export/spreadsheet';
import { enrichSample } from './refi/support';
import { makeSampleApp, type TestApp } from './support/app';

// The reliability data runs to millions of rows, so its CSV lines are written from each unit's and
// each code's fields escaped once. They must be the lines the general writer makes from its rows.

describe('reliability data as CSV', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeSampleApp();
    enrichSample(t);
  });
  afterEach(() => t.close());

  it('writes the same lines as the general CSV writer, a code name needing quotes and a formula guard included', () => {
    const db = t.app.requireProject().db;
    const code = db.prepare(`SELECT id FROM codebook_nodes WHERE level = 'code' ORDER BY rowid LIMIT 1`).pluck().get() as string;
    db.prepare(`UPDATE codebook_nodes SET name = ? WHERE id = ?`).run('=Say "no", 👋 then go', code);
    const sheet = reliabilityReport.build(new ReportData(db, ReportOptions.parse({ namesChecked: true }))).sheets[0];
    expect(sheet.csvLines).toBeTypeOf('function');
    const general = [...csvLines(sheet.columns, sheet.rows, { bom: true })];
    const own = [...csvLines(sheet.columns, [], { bom: true }), ...sheet.csvLines!()];
    expect(general.length).toBe(sheet.totalRows + 1);
    expect(general.some((line) => line.includes('"\'=Say ""no"", 👋 then go"'))).toBe(true);
    expect(own).toEqual(general);
    expect(renderCsv(sheet).toString('utf8')).toBe(general.join(''));
  });
});
