import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReportKind, ReportOptions } from '../../shared/api/methods/reports';
import { FORMATS_BY_KIND, REPORT_KINDS } from '../../shared/api/methods/reports';
import { readDocx, type DocxContent } from './support/docx-read';
import { makeSampleApp, type TestApp } from './support/app';

// Table 1 as journals print it: a row per characteristic grouped under its attribute, a column per
// session (or group) and the total; numbers and dates summarised, never a column per distinct value.

type SampleApp = Awaited<ReturnType<typeof makeSampleApp>>;

async function docx(t: TestApp, kind: ReportKind, options: ReportOptions = {}): Promise<DocxContent> {
  const r = await t.client.call('reports.export', { kind, format: 'docx', options, overwrite: true });
  return readDocx(Buffer.from(r.base64, 'base64'));
}

/** The participants who speak in the sample, facilitators left out, with their attribute values by name. */
async function speakers(t: TestApp): Promise<Record<string, string>[]> {
  const attributes = await t.client.call('attributes.list', {});
  const people = await t.client.call('participants.list', {});
  return people
    .map((p) => Object.fromEntries(attributes.map((a) => [a.name, p.values[a.id] ?? ''])))
    .filter((v) => v.Role !== 'Facilitator');
}

describe('participants table (Table 1)', () => {
  let t: SampleApp;
  beforeEach(async () => {
    t = await makeSampleApp();
  });
  afterEach(() => t.close());

  it('puts characteristics in rows under their attribute and sessions in columns, with n (%) and mean (SD)', async () => {
    const doc = await docx(t, 'participants');
    const [table] = doc.tables;
    const documents = await t.client.call('documents.list', {});
    const header = table.rows[0];
    expect(header.header).toBe(true);
    expect(header.cells[0]).toBe('Characteristic');
    expect(header.cells).toHaveLength(documents.length + 2);
    expect(header.cells[header.cells.length - 1]).toBe('Total (n\u00a0=\u00a012)');
    expect(header.cells.slice(1, -1).every((c) => / \(n\s=\s\d+\)$/.test(c))).toBe(true);
    expect(header.cells.some((c) => c.includes(':'))).toBe(false);

    const people = await speakers(t);
    const rowAfter = (group: string, label: string) => {
      const g = table.rows.findIndex((r) => r.cells.length === 1 && r.cells[0] === group);
      expect(g, `group row ${group}`).toBeGreaterThan(0);
      const hit = table.rows.slice(g + 1).find((r) => r.cells[0] === label);
      expect(hit, `${label} under ${group}`).toBeDefined();
      return hit!.cells;
    };
    const pct = (n: number) => `${n} (${Math.round((100 * n) / people.length)}%)`;
    const women = people.filter((p) => p.Gender === 'Woman').length;
    expect(rowAfter('Gender', 'Woman').at(-1)).toBe(pct(women));
    expect(rowAfter('Role', 'Mentee').at(-1)).toBe(pct(people.filter((p) => p.Role === 'Mentee').length));
    expect(table.rows.some((r) => r.cells[0] === 'Facilitator')).toBe(false);

    const years = people.map((p) => Number(p['Year of study']));
    const mean = years.reduce((s, v) => s + v, 0) / years.length;
    const sd = Math.sqrt(years.reduce((s, v) => s + (v - mean) ** 2, 0) / (years.length - 1));
    expect(rowAfter('Year of study', 'Mean (SD)').at(-1)).toBe(`${mean.toFixed(1)} (${sd.toFixed(1)})`);
    expect(rowAfter('Year of study', 'Range').at(-1)).toBe(`${Math.min(...years)}–${Math.max(...years)}`);
    const riverside = people.filter((p) => p.Campus === 'Riverside').length;
    expect(rowAfter('Campus', 'Riverside').at(-1)).toBe(pct(riverside));
    expect(doc.paragraphs.some((p) => /n \(%\)/.test(p.text) && /mean \(SD\)/.test(p.text))).toBe(true);
  });

  it('summarises a date with 12 distinct values and a number with 12 as rows (median, range, missing), in every orientation', async () => {
    const people = (await t.client.call('participants.list', {})).filter((p) => p.label !== 'Facilitator');
    const joined = await t.client.call('attributes.create', { name: 'Joined the scheme on', type: 'date' });
    const score = await t.client.call('attributes.create', { name: 'Wellbeing score', type: 'number' });
    const dates = people.map((_p, i) => `2023-${String(i + 1).padStart(2, '0')}-1${i % 10}`);
    for (const [i, p] of people.entries()) {
      // The last participant has no date: the table must say one is missing.
      if (i < people.length - 1) await t.client.call('participants.setValue', { participantIds: [p.id], attributeId: joined.id, value: dates[i] });
      await t.client.call('participants.setValue', { participantIds: [p.id], attributeId: score.id, value: String(10 + i * 1.5) });
    }
    for (const orientation of ['auto', 'portrait', 'landscape'] as const) {
      const doc = await docx(t, 'participants', { orientation });
      const [table] = doc.tables;
      expect(table.rows[0].cells, orientation).toHaveLength(5);
      const at = table.rows.findIndex((r) => r.cells[0] === 'Joined the scheme on');
      const below = table.rows.slice(at + 1, at + 4).map((r) => [r.cells[0], r.cells.at(-1)]);
      expect(below).toEqual([
        ['Median', '2023-06-15'],
        ['Range', `${dates[0]} – ${dates[people.length - 2]}`],
        ['Missing', '1 (8%)'],
      ]);
      // The matrix and every other report lay out too, however many values an attribute holds.
      await expect(docx(t, 'matrix', { orientation })).resolves.toBeDefined();
    }
  });

  it('matrix: a date with 12 distinct values becomes 4 ranges whose cells add up to each code’s total', async () => {
    const people = (await t.client.call('participants.list', {})).filter((p) => p.label !== 'Facilitator');
    const joined = await t.client.call('attributes.create', { name: 'Joined the scheme on', type: 'date' });
    for (const [i, p] of people.entries()) {
      await t.client.call('participants.setValue', { participantIds: [p.id], attributeId: joined.id, value: `2023-${String(i + 1).padStart(2, '0')}-01` });
    }
    const r = await t.client.call('reports.export', { kind: 'matrix', format: 'xlsx', options: { attributeIds: [joined.id] }, overwrite: true });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(r.base64, 'base64') as unknown as ArrayBuffer);
    const rows: string[][] = [];
    book.worksheets[0].eachRow((x) => rows.push((x.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    const header = rows[0];
    const ranges = header.filter((h) => h.startsWith('Joined the scheme on: '));
    expect(ranges).toEqual(['Joined the scheme on: 2023-01-01–2023-03-01', 'Joined the scheme on: 2023-04-01–2023-06-01', 'Joined the scheme on: 2023-07-01–2023-09-01', 'Joined the scheme on: 2023-10-01–2023-12-01']);
    const at = ranges.map((h) => header.indexOf(h));
    const total = header.indexOf('Total');
    const coded = rows.slice(1).filter((x) => Number(x[total]) > 0);
    expect(coded.length).toBeGreaterThan(5);
    for (const x of coded) expect(at.reduce((s, i) => s + Number(x[i]), 0), x[1]).toBe(Number(x[total]));
    const doc = await docx(t, 'matrix', { attributeIds: [joined.id] });
    expect(doc.paragraphs.some((p) => p.text.includes('Joined the scheme on is shown in 4 ranges'))).toBe(true);
  });

  it('lays out every report of the sample in forced portrait and forced landscape', async () => {
    for (const orientation of ['portrait', 'landscape'] as const) {
      for (const kind of REPORT_KINDS.filter((k) => FORMATS_BY_KIND[k].includes('docx'))) {
        const doc = await docx(t, kind, { orientation });
        expect(doc.sections.every((s) => (orientation === 'landscape' ? s.orientation === 'landscape' : s.orientation !== 'landscape')), `${kind} ${orientation}`).toBe(true);
      }
    }
  });
});
