import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Client } from '../../shared/api/client';
import type { CodebookNode } from '../../shared/api/entities';
import { AppError } from '../../shared/api/errors';
import type { ReportFormat, ReportKind, ReportOptions } from '../../shared/api/methods/reports';
import { FORMATS_BY_KIND, REPORT_KINDS } from '../../shared/api/methods/reports';
import { curlQuotes, quoted } from '../../shared/domain/languages';
import { hasPageNumberField, readDocx, type DocxContent, type DocxTable } from './support/docx-read';
import { makeSampleApp, makeTestApp, type TestApp } from './support/app';

type SampleApp = Awaited<ReturnType<typeof makeSampleApp>>;

async function exportBytes(client: Client, kind: ReportKind, format: ReportFormat, options: ReportOptions = {}): Promise<Buffer> {
  const r = await client.call('reports.export', { kind, format, options });
  const bytes = Buffer.from(r.base64, 'base64');
  expect(fs.readFileSync(r.path).equals(bytes)).toBe(true);
  return bytes;
}

async function docx(client: Client, kind: ReportKind, options: ReportOptions = {}): Promise<DocxContent> {
  return readDocx(await exportBytes(client, kind, 'docx', options));
}

async function xlsxSheets(bytes: Buffer): Promise<Map<string, string[][]>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const out = new Map<string, string[][]>();
  book.eachSheet((ws) => {
    const rows: string[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    out.set(ws.name, rows);
  });
  return out;
}

/** A minimal RFC 4180 reader for the tests (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i += 1) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

function childrenAt(nodes: readonly CodebookNode[], parent: CodebookNode, level: CodebookNode['level']): string[] {
  return nodes.filter((n) => n.level === level && n.parentIds.includes(parent.id)).sort((a, b) => a.sort - b.sort).map((n) => n.name);
}

function expectRepeatedHeader(table: DocxTable, labels: readonly string[]): void {
  expect(table.rows[0].header).toBe(true);
  expect(table.rows[0].cells).toEqual(labels);
  expect(table.rows.slice(1).every((r) => !r.header)).toBe(true);
}

describe('reports on the sample study', () => {
  let t: SampleApp;
  let nodes: CodebookNode[];
  beforeEach(async () => {
    t = await makeSampleApp();
    nodes = await t.client.call('codebook.list', {});
  });
  afterEach(() => t.close());

  it('the category table lists the sample’s categories and their subcategories exactly, with caption, repeated header and page numbers', async () => {
    const doc = await docx(t.client, 'categories');
    expect(doc.tables).toHaveLength(1);
    const [table] = doc.tables;
    expect(table.caption).toBe('Table 1. Main categories and related subcategories');
    expectRepeatedHeader(table, ['Category', 'Subcategories']);
    const categories = nodes.filter((n) => n.level === 'category').sort((a, b) => a.sort - b.sort);
    expect(categories.length).toBe(3);
    expect(table.rows.slice(1).map((r) => r.cells)).toEqual(categories.map((c) => [c.name, childrenAt(nodes, c, 'subcategory').join('\n')]));
    expect(doc.sections.map((s) => s.orientation)).toEqual(['portrait']);
    expect(hasPageNumberField(doc)).toBe(true);
    // The style sheet has the headings, captions and table styles the tables use.
    expect(doc.allText).toContain('w:styleId="Caption"');
    expect(doc.allText).toContain('w:styleId="TableText"');
  });

  it('adds codes as a third level, numbers tables from the author’s first number and can go landscape', async () => {
    const doc = await docx(t.client, 'categories', { levels: ['theme', 'category', 'subcategory'], firstTable: 4, orientation: 'landscape' });
    const [table] = doc.tables;
    expect(table.caption).toBe('Table 4. Main themes and related categories and subcategories');
    expect(table.rows[0].cells).toEqual(['Theme', 'Category', 'Subcategories']);
    const theme = nodes.find((n) => n.level === 'theme')!;
    const categories = nodes.filter((n) => n.level === 'category').sort((a, b) => a.sort - b.sort);
    // The theme's name stands in every row of its group (light grey after the first: word-layout.test.ts).
    expect(table.rows.slice(1).map((r) => r.cells[0])).toEqual([theme.name, theme.name, theme.name]);
    expect(table.rows.slice(1).map((r) => r.cells[1])).toEqual(categories.map((c) => c.name));
    expect(doc.sections[0].orientation).toBe('landscape');
    expect(doc.sections[0].width).toBeGreaterThan(doc.sections[0].height);
  });

  /** The sample comes with marked exemplar quotes; these tests start from none. */
  async function unmarkAllQuotes(): Promise<void> {
    for (const n of nodes) {
      for (const q of await t.client.call('quotes.list', { nodeId: n.id })) await t.client.call('quotes.set', { nodeId: n.id, unitId: q.unitId, quote: false });
    }
  }

  it('theme table: marked quotes attributed by the author’s template; a category without one says so, in the table and in the preview', async () => {
    await unmarkAllQuotes();
    const harbour = nodes.find((n) => n.name === 'Finding a safe harbour')!;
    const retrieved = await t.client.call('codebook.retrieve', { nodeId: harbour.id });
    const mentee3 = retrieved.units.find((u) => u.pseudonym === 'Mentee 3')!;
    await t.client.call('quotes.set', { nodeId: harbour.id, unitId: mentee3.unitId, quote: true });

    const preview = await t.client.call('reports.preview', { kind: 'themes', options: { attribution: '{pseudonym}, {session}' } });
    expect(preview.warnings.join(' ')).toMatch(/No exemplar quote is marked for 2 categories “Navigating the hidden curriculum”, “Growing into the teacher role”/);

    const doc = await docx(t.client, 'themes', { attribution: '{pseudonym}, {session}' });
    const [table] = doc.tables;
    expect(table.caption).toBe('Table 1. Themes, categories and exemplar quotes');
    expectRepeatedHeader(table, ['Theme', 'Category', 'Exemplar quotes']);
    const harbourRow = table.rows.find((r) => r.cells[1] === 'Finding a safe harbour')!;
    expect(harbourRow.cells[2]).toBe(`${quoted(mentee3.text.trim(), 'en-GB')} (Mentee 3, ${mentee3.sessionName})`);
    const hidden = table.rows.find((r) => r.cells[1] === 'Navigating the hidden curriculum')!;
    expect(hidden.cells[2]).toBe('No exemplar quote marked for this category.');

    const styled = await docx(t.client, 'themes', { attribution: 'a {Year of study:ordinal-word}-year {Role:lower}' });
    expect(styled.tables[0].rows.find((r) => r.cells[1] === 'Finding a safe harbour')!.cells[2]).toMatch(/” \(a first-year mentee\)$/);
  });

  it('theme table can pick coded units where nothing is marked, and says so', async () => {
    await unmarkAllQuotes();
    const preview = await t.client.call('reports.preview', { kind: 'themes', options: { unmarkedQuotes: 'pick', quotesPerNode: 1 } });
    expect(preview.warnings.join(' ')).toMatch(/picked by Condensa from coded units/);
    const doc = await docx(t.client, 'themes', { unmarkedQuotes: 'pick', quotesPerNode: 1 });
    const quoteCells = doc.tables[0].rows.slice(1).map((r) => r.cells[2]);
    expect(quoteCells).toHaveLength(3);
    for (const c of quoteCells) expect(c).toMatch(/^“.+” \((Mentee|Mentor) \d+, .+\)$/);
  });

  it('abstraction table: one landscape row per coded unit from its words up to its theme', async () => {
    const table = await t.client.call('table.abstraction', { coder: 'all', codedOnly: true });
    const doc = await docx(t.client, 'abstraction');
    const [tbl] = doc.tables;
    expectRepeatedHeader(tbl, ['Meaning unit', 'Condensed meaning unit', 'Code', 'Subcategory', 'Category', 'Theme']);
    expect(tbl.rows.length - 1).toBe(table.rows.length);
    expect(doc.sections[tbl.section].orientation).toBe('landscape');
    const first = table.rows[0];
    const codes = [...new Set(first.codes.map((c) => c.name))];
    // Straight quotation marks and apostrophes print as the document language sets them.
    expect(tbl.rows[1].cells).toEqual([
      curlQuotes(first.text.trim(), 'en-GB'),
      curlQuotes(first.condensed, 'en-GB'),
      codes.join('\n'),
      first.levels[0].map((n) => n.name).join('\n'),
      first.levels[1].map((n) => n.name).join('\n'),
      first.levels[2].map((n) => n.name).join('\n'),
    ]);
    const narrow = await docx(t.client, 'abstraction', { columns: ['unit', 'condensed', 'code'], orientation: 'auto' });
    expect(narrow.tables[0].rows[0].cells).toEqual(['Meaning unit', 'Condensed meaning unit', 'Code']);
    expect(narrow.sections[0].orientation).toBe('portrait');
  });

  it('codebook: every code and every node above it with definition, criteria and counts, in codebook order', async () => {
    const counts = new Map((await t.client.call('codebook.counts', {})).map((c) => [c.nodeId, c]));
    const doc = await docx(t.client, 'codebook');
    const [table] = doc.tables;
    expectRepeatedHeader(table, ['Code', 'Definition', 'Inclusion criteria', 'Exclusion criteria', 'Example', 'Units', 'Participants', 'Documents']);
    expect(doc.sections[0].orientation).toBe('landscape');
    const codes = nodes.filter((n) => n.level === 'code');
    const codeRows = table.rows.filter((r) => !r.header && !/^(Theme|Category|Subcategory)\n/.test(r.cells[0]));
    expect(codeRows.map((r) => r.cells[0]).sort()).toEqual(codes.map((c) => c.name).sort());
    for (const code of codes) {
      const r = codeRows.find((x) => x.cells[0] === code.name)!;
      const c = counts.get(code.id)!;
      expect(r.cells.slice(1, 4)).toEqual([code.definition, code.inclusion, code.exclusion].map((x) => curlQuotes(x, 'en-GB')));
      expect(r.cells.slice(5)).toEqual([String(c.units), String(c.participants), String(c.documents)]);
    }
    // Nodes above codes have the same eight columns, their level over their name.
    const above = table.rows.filter((r) => /^(Theme|Category|Subcategory)\n/.test(r.cells[0]));
    expect(above.every((r) => r.cells.length === 8)).toBe(true);
    expect(above.map((r) => r.cells[0])).toContain('Theme\nLearning to belong in medicine through a trusted other');
    expect(above.map((r) => r.cells[0])).toContain('Category\nFinding a safe harbour');
    expect(above.filter((r) => r.cells[0].startsWith('Subcategory\n'))).toHaveLength(nodes.filter((n) => n.level === 'subcategory').length);
  });

  it('“all coders merged” counts the coders’ codings only, not the consensus made from them', async () => {
    const [a, b] = t.coders.filter((c) => c.role === 'coder');
    const list = await t.client.call('agreement.discrepancies', { coderAId: a.id, coderBId: b.id });
    const resolver = t.coders.find((c) => c.role === 'resolver')!;
    await t.client.call('coders.setCurrent', { coderId: resolver.id });
    const db = t.app.requireProject().db;
    // The resolver applies a code neither coder gave that unit: only the consensus has it there.
    const item = list.items[0];
    const given = db.prepare(`SELECT code_id FROM codings WHERE unit_id = ?`).pluck().all(item.unitId) as string[];
    const other = nodes.find((n) => n.level === 'code' && !given.includes(n.id))!;
    await t.client.call('resolutions.decide', { coderAId: a.id, coderBId: b.id, key: item.key, decision: 'other-code', otherCodeId: other.id, rationale: 'Neither code fits; this one does.' });
    const consensusCodings = db.prepare(`SELECT count(*) FROM codings c JOIN coders k ON k.id = c.coder_id WHERE k.role = 'consensus'`).pluck().get() as number;
    expect(consensusCodings).toBeGreaterThan(0);
    const units = new Map(
      (
        db
          .prepare(`SELECT code_id AS id, count(DISTINCT unit_id) AS n FROM codings WHERE coder_id IN (?, ?) AND unit_id IS NOT NULL GROUP BY code_id`)
          .all(a.id, b.id) as { id: string; n: number }[]
      ).map((r) => [r.id, r.n]),
    );
    const [table] = (await docx(t.client, 'codebook', { coder: 'merged' })).tables;
    const codeRows = table.rows.filter((r) => !r.header && !/^(Theme|Category|Subcategory)\n/.test(r.cells[0]));
    for (const code of nodes.filter((n) => n.level === 'code')) {
      expect([code.name, codeRows.find((r) => r.cells[0] === code.name)!.cells[5]]).toEqual([code.name, String(units.get(code.id) ?? 0)]);
    }
  });

  it('participants table: per session the number of participants and their attribute counts, facilitators left out', async () => {
    const doc = await docx(t.client, 'participants');
    const [table] = doc.tables;
    expect(table.rows[0].header).toBe(true);
    expect(table.rows[0].cells[0]).toBe('Characteristic');
    // The session columns carry their n; the total counts each participant once.
    expect(table.rows[0].cells.slice(1).map((c) => /\(n\s=\s(\d+)\)$/.exec(c)?.[1])).toEqual(['4', '4', '4', '12']);
    const under = (group: string, label: string) => {
      const g = table.rows.findIndex((r) => r.cells.length === 1 && r.cells[0] === group);
      return table.rows.slice(g + 1).find((r) => r.cells[0] === label)!.cells;
    };
    expect(under('Gender', 'Woman').at(-1)).toBe('6 (50%)');
    expect(under('Role', 'Mentee').at(-1)).toBe('8 (67%)');
    expect(under('Role', 'Mentor').at(-1)).toBe('4 (33%)');
    expect(table.rows.some((r) => r.cells[0] === 'Facilitator')).toBe(false);
  });

  it('agreement report: method text with the service’s figures, labelled pooled and averaged, and the resolution log', async () => {
    const coders = t.coders.filter((c) => c.role === 'coder');
    const [a, b] = coders;
    const figures = await t.client.call('agreement.compute', { coderIds: [a.id, b.id], breakdowns: false });
    const list = await t.client.call('agreement.discrepancies', { coderAId: a.id, coderBId: b.id });
    const resolver = t.coders.find((c) => c.role === 'resolver')!;
    await t.client.call('coders.setCurrent', { coderId: resolver.id });
    await t.client.call('resolutions.decide', { coderAId: a.id, coderBId: b.id, key: list.items[0].key, decision: 'keep-a', rationale: 'P3 describes the mentor, so the code applies.' });

    const doc = await docx(t.client, 'agreement');
    const method = doc.paragraphs.find((p) => p.text.startsWith('Two coders'))!.text;
    // Printed with the Compare tab's formatting (3 decimals), so the figures read alike everywhere.
    const alpha = figures.pair!.pooled.alpha.value!.toFixed(3);
    expect(method).toContain(`Two coders (${a.name} and ${b.name}) independently coded ${figures.unitSet.units} meaning units`);
    expect(method).toContain(figures.scope.line);
    expect(method).toContain(`Krippendorff’s α = ${alpha}`);
    expect(method).toContain(`mean κ = ${figures.pair!.summaries.kappa.mean.value!.toFixed(3)}`);
    expect(method).toContain(`1 disagreement was resolved by ${resolver.name}`);
    const [perCode, , log] = doc.tables;
    expectRepeatedHeader(perCode, ['Code', 'Both', 'Only AH', 'Only BO', 'Neither', '% agreement', 'κ', 'κ 95% CI', 'α', 'α 95% CI', 'P(α < .667 / .800)', 'AC1', 'PABAK', 'Positive agr.']);
    expect(perCode.rows.some((r) => r.cells[0] === `Pooled over ${figures.pair!.pooled.units} unit × code decisions` && r.cells[8] === alpha)).toBe(true);
    expect(perCode.rows.some((r) => r.cells[0].startsWith('Mean of 17 codes (averaged'))).toBe(true);
    expect(log.caption).toBe('Table 3. Resolution of disagreements');
    expect(log.rows).toHaveLength(2);
    // The rationale's label is replaced by the pseudonym.
    expect(log.rows[1].cells[5]).toBe('Mentee 3 describes the mentor, so the code applies.');
    expect(doc.sections[0].orientation).toBe('landscape');

    // With a decision made, the consensus is what the other reports use by default.
    const preview = await t.client.call('reports.preview', { kind: 'abstraction', options: {} });
    expect(preview.source).toMatch(/^Consensus coding/);
  });

  it('memos and journal: every memo under what it is about, labels replaced by pseudonyms', async () => {
    const doc = await docx(t.client, 'memos');
    const text = doc.paragraphs.map((p) => p.text).join('\n');
    expect(text).toContain('Where does context end?');
    expect(text).toContain('I coded Mentee 3’s first answer in group 1');
    expect(text).toContain('On Mentee 5');
    expect(text).toContain('Reflexive journal');
    expect(doc.paragraphs.filter((p) => p.style === 'Heading1').map((p) => p.text)).toEqual(['Memos', 'Reflexive journal']);
  });

  it('coded segments: one row per coding in long format, as XLSX and CSV', async () => {
    const codings = await Promise.all((await t.client.call('documents.list', {})).map((d) => t.client.call('codings.forDocument', { documentId: d.id })));
    const total = codings.flat().length;
    const sheets = await xlsxSheets(await exportBytes(t.client, 'segments', 'xlsx'));
    const rows = sheets.get('Segments')!;
    expect(rows[0]).toEqual([
      ...['document_id', 'unit_id', 'code_id', 'coder_id', 'start', 'end'],
      ...['Document', 'Session', 'Group', 'Date', 'Participant', 'Role', 'Gender', 'Year of study', 'Campus', 'Text', 'Condensation', 'Code', 'Subcategory', 'Category', 'Theme', 'Coder', 'Coded'],
    ]);
    // One row per coding, and one per unit nobody coded (empty code and coder; a sparse row in ExcelJS).
    const coded = rows.slice(1).filter((r) => !!r[2]);
    expect(coded.length).toBe(total);
    expect(rows.slice(1).filter((r) => !r[2]).every((r) => r[22] === 'none')).toBe(true);
    expect(new Set(coded.map((r) => r[21]))).toEqual(new Set(['Amira Haddad', 'Ben Okafor']));
    expect(rows.slice(1).every((r) => /^(Mentee|Mentor) \d+$/.test(r[10]))).toBe(true);
    const csv = parseCsv((await exportBytes(t.client, 'segments', 'csv')).toString('utf8'));
    expect(csv[0]).toEqual(rows[0]);
    expect(csv.slice(1)).toEqual(rows.slice(1).map((r) => Array.from(r, (v) => v ?? '')));
  });

  it('code × attribute matrix: totals match the codebook counts', async () => {
    const counts = new Map((await t.client.call('codebook.counts', {})).map((c) => [c.nodeId, c.units]));
    const sheets = await xlsxSheets(await exportBytes(t.client, 'matrix', 'xlsx'));
    const rows = sheets.get('Matrix')!;
    const total = rows[0].indexOf('Total');
    for (const code of nodes.filter((n) => n.level === 'code')) {
      const r = rows.find((x) => x[1] === code.name)!;
      expect(Number(r[total])).toBe(counts.get(code.id));
    }
    const mentee = rows[0].indexOf('Role: Mentee');
    const mentor = rows[0].indexOf('Role: Mentor');
    const teach = rows.find((x) => x[1] === 'Finding a way to teach')!;
    expect(Number(teach[mentee])).toBe(0);
    expect(Number(teach[mentor])).toBe(Number(teach[total]));
  });

  it('writes into the projects folder’s Exports folder without replacing an earlier export, and refuses a format a report does not have', async () => {
    const first = await t.client.call('reports.export', { kind: 'categories', format: 'docx', options: {} });
    const second = await t.client.call('reports.export', { kind: 'categories', format: 'docx', options: {} });
    expect(path.dirname(first.path)).toBe(path.join(t.app.ports.projectsFolder, 'Exports'));
    expect(first.fileName).toBe('Main categories and related subcategories.docx');
    expect(second.fileName).toBe('Main categories and related subcategories 2.docx');
    const refused = await t.client.call('reports.export', { kind: 'segments', format: 'docx', options: {} }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('BAD_REQUEST');
    expect((refused as AppError).message).toMatch(/\.xlsx or \.csv/);
  });
});

/** Everything a file says, as text: the XML of a .docx or .xlsx package, or the CSV itself. */
async function textOfExport(bytes: Buffer, format: ReportFormat): Promise<string> {
  if (format === 'docx') return readDocx(bytes).allText;
  if (format === 'csv') return bytes.toString('utf8');
  const sheets = await xlsxSheets(bytes);
  return [...sheets.values()].flat(2).join('\n');
}

describe('pseudonyms', () => {
  let t: TestApp & { coders: unknown };
  let realNames: string[];
  let labels: string[];
  beforeEach(async () => {
    t = await makeSampleApp();
    const people = await t.client.call('participants.list', {});
    realNames = people.map((p) => /Real name \(kept only in this file\): (.+)$/.exec(p.notes)?.[1]).filter((n): n is string => !!n);
    labels = people.map((p) => p.label).filter((l) => /^P\d+$/.test(l));
    // Quotes everywhere, so participants are named in the theme table and the codebook too.
    const nodes = await t.client.call('codebook.list', {});
    for (const n of nodes.filter((x) => x.level !== 'theme')) {
      const units = (await t.client.call('codebook.retrieve', { nodeId: n.id })).units;
      if (units[0]) await t.client.call('quotes.set', { nodeId: n.id, unitId: units[0].unitId, quote: true });
    }
  });
  afterEach(() => t.close());

  it('no participant’s real name (kept in notes) and no label like “P3” appears in any export set to pseudonyms', async () => {
    expect(realNames).toHaveLength(13);
    expect(labels).toHaveLength(12);
    const options: ReportOptions = { pseudonyms: true, attribution: '{pseudonym} ({Role}, {Gender}), {session}', columns: ['document', 'speaker', 'unit', 'condensed', 'code', 'category'] };
    let files = 0;
    for (const kind of REPORT_KINDS) {
      for (const format of FORMATS_BY_KIND[kind]) {
        const text = await textOfExport(await exportBytes(t.client, kind, format, options), format);
        for (const name of realNames) expect(text, `${kind}.${format} holds ${name}`).not.toContain(name);
        for (const label of labels) expect(new RegExp(`(?<![\\p{L}\\p{N}])${label}(?![\\p{L}\\p{N}])`, 'u').test(text), `${kind}.${format} holds ${label}`).toBe(false);
        files += 1;
      }
    }
    expect(files).toBe(31);
  });

  it('shows labels as spoken when pseudonyms are off (so the check above can fail)', async () => {
    const text = await textOfExport(await exportBytes(t.client, 'segments', 'csv', { pseudonyms: false }), 'csv');
    expect(text).toMatch(/\bP3\b/);
    for (const name of realNames) expect(text).not.toContain(name);
  });
});

describe('reports on a thematic analysis built from scratch', () => {
  let t: TestApp;
  beforeEach(() => {
    t = makeTestAppForReports();
  });
  afterEach(() => t.close());

  it('uses themes and subthemes, says where a node has nothing beneath it, and lists nodes outside any theme at the end', async () => {
    await t.client.call('project.create', { path: t.file(), title: 'Night shifts', methodology: 'thematic-analysis' });
    const theme = await t.client.call('codebook.create', { name: 'Keeping each other going', level: 'theme' });
    const lonely = await t.client.call('codebook.create', { name: 'Running on empty', level: 'theme' });
    const sub = await t.client.call('codebook.create', { name: 'Tea at four', level: 'subtheme', parentId: theme.id });
    await t.client.call('codebook.create', { name: 'Covering for a colleague', level: 'subtheme', parentId: theme.id });
    await t.client.call('codebook.create', { name: 'Shared snacks', level: 'code', parentId: sub.id });
    const stray = await t.client.call('codebook.create', { name: 'Looking after the new ones', level: 'subtheme' });

    const preview = await t.client.call('reports.preview', { kind: 'categories', options: {} });
    expect(preview.warnings.join(' ')).toContain(`“${stray.name}” is not under any theme`);
    const doc = readDocx(Buffer.from((await t.client.call('reports.export', { kind: 'categories', format: 'docx', options: {} })).base64, 'base64'));
    const [table] = doc.tables;
    expect(table.caption).toBe('Table 1. Main themes and related subthemes');
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['Theme', 'Subthemes'],
      [theme.name, 'Tea at four\nCovering for a colleague'],
      [lonely.name, 'No subtheme'],
      ['', stray.name],
    ]);
    // With no coded units, the theme table says so for every subtheme rather than leaving cells blank.
    const themes = await t.client.call('reports.preview', { kind: 'themes', options: { unmarkedQuotes: 'pick', levels: ['theme', 'subtheme'] } });
    expect(themes.warnings.join(' ')).toMatch(/No exemplar quote is marked for 3 subthemes/);
  });
});

function makeTestAppForReports(): TestApp {
  return makeTestApp();
}
