import { strFromU8, unzipSync } from 'fflate';
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/api/errors';
import type { ReportPreview } from '../../shared/api/methods/reports';
import { makeTestApp, type TestApp } from './support/app';
import { codedSynthesis, metaSynthesis } from './support/meta-synthesis';

// #23 item 8: a meta-synthesis cites the studies it synthesises by their reference numbers. Each
// document carries its number (set by the author, or numbered in list order for the author to change).

describe('reference numbers of documents', () => {
  let t: TestApp;
  beforeEach(() => {
    t = makeTestApp();
  });
  afterEach(() => t.close());

  it('are unset at first, set and cleared by the author, and numbered in list order after the highest one set', async () => {
    const { docIds } = await metaSynthesis(t.client, t.file(), 4);
    expect((await t.client.call('documents.list', {})).map((d) => d.reference)).toEqual([null, null, null, null]);

    const set = await t.client.call('documents.update', { id: docIds[1], reference: ' 45 ' });
    expect(set.reference).toBe('45');
    await t.client.call('documents.update', { id: docIds[2], reference: '12a' });
    // The others get the next whole numbers after 45, in the list's order; the ones typed stay.
    expect(await t.client.call('documents.numberByOrder', {})).toEqual({ numbered: 2 });
    expect((await t.client.call('documents.list', {})).map((d) => d.reference)).toEqual(['46', '45', '12a', '47']);

    await t.client.call('documents.update', { id: docIds[0], reference: '' });
    expect((await t.client.call('documents.list', {}))[0].reference).toBeNull();
    // One undo step per command: undoing the clearing brings the number back.
    await t.client.call('history.undo', {});
    expect((await t.client.call('documents.list', {}))[0].reference).toBe('46');
  });

  it('refuses a reference longer than a reference list prints, with a clear code', async () => {
    const { docIds } = await metaSynthesis(t.client, t.file(), 1);
    const e = await t.client.call('documents.update', { id: docIds[0], reference: 'x'.repeat(41) }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('BAD_REQUEST');
  });
});

/** The text of each row of the preview's Word table, cell by cell. */
function tableRows(preview: ReportPreview): string[][] {
  const table = preview.document!.sections[0].blocks.find((b) => b.kind === 'table')!;
  if (table.kind !== 'table') throw new Error('no table');
  return table.rows.map((r) => r.cells.map((cell) => cell.paras.map((p) => p.runs.map((run) => run.text).join('')).join(' / ')));
}

describe('codes with their sources (meta-synthesis)', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = makeTestApp();
    await codedSynthesis(t.client, t.file(), ['79', '45', '53', '9']);
  });
  afterEach(() => t.close());

  it('lists each code under its component and subcomponent with its studies’ numbers, sorted as numbers, and names the unnumbered study', async () => {
    const preview = await t.client.call('reports.preview', { kind: 'sources', options: {} });
    const table = preview.document!.sections[0].blocks.find((b) => b.kind === 'table');
    expect(table && table.kind === 'table' && [table.title, table.columns.map((c) => c.label)]).toEqual([
      'Components, subcomponents and codes with their sources',
      ['Component', 'Subcomponent', 'Codes (studies)'],
    ]);
    expect(tableRows(preview)).toEqual([
      ['Collaboration', 'Working in teams', 'teamwork skills (45, 53, 79)'],
      ['Collaboration', 'Working in teams', 'shared goals (9, unnumbered)'],
      ['Feedback', 'Giving feedback', 'feedback on reasoning'],
    ]);
    const note = table && table.kind === 'table' ? table.note : '';
    expect(note).toContain('1 document has no reference number (“Study 05”)');
    expect(note).toContain('where a code was found in it, the parentheses say “unnumbered”.');
    expect(preview.warnings.join(' ')).toContain('Set the numbers in Documents');
  });

  it('writes the same table as CSV, one row per code with its references, and as Word', async () => {
    const csv = await t.client.call('reports.export', { kind: 'sources', format: 'csv', options: { namesChecked: true }, path: t.file('sources.csv') });
    const lines = fs.readFileSync(csv.path, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines).toEqual([
      'Component,Subcomponent,Code,References,Documents without a reference number,Studies',
      'Collaboration,Working in teams,teamwork skills,"45, 53, 79",,3',
      'Collaboration,Working in teams,shared goals,9,Study 05,2',
      'Feedback,Giving feedback,feedback on reasoning,,,0',
    ]);

    const docx = await t.client.call('reports.export', { kind: 'sources', format: 'docx', options: { namesChecked: true }, path: t.file('sources.docx') });
    const xml = strFromU8(unzipSync(new Uint8Array(fs.readFileSync(docx.path)))['word/document.xml']);
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('Components, subcomponents and codes with their sources');
    expect(text).toContain('teamwork skills (45, 53, 79)');
    expect(text).toContain('shared goals (9, unnumbered)');
    // The header row repeats on each page, as in the other tables.
    expect(xml).toMatch(/<w:tblHeader\/>/);
  });

  it('speaks of components and subcomponents in the category table as well', async () => {
    const preview = await t.client.call('reports.preview', { kind: 'categories', options: {} });
    const table = preview.document!.sections[0].blocks.find((b) => b.kind === 'table');
    expect(table && table.kind === 'table' && [table.title, table.columns.map((c) => c.label)]).toEqual(['Main components and related subcomponents', ['Component', 'Subcomponents']]);
    expect(preview.sheets[0].columns).toEqual(['Component', 'Subcomponent']);
  });

  it('numbers the unnumbered study in list order, after which no study is unnumbered', async () => {
    await t.client.call('documents.numberByOrder', {});
    const preview = await t.client.call('reports.preview', { kind: 'sources', options: {} });
    expect(tableRows(preview)[1][2]).toBe('shared goals (9, 80)');
    expect(preview.warnings.join(' ')).not.toContain('reference number');
  });
});

describe('a meta-synthesis in REFI-QDA', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = makeTestApp();
    await codedSynthesis(t.client, t.file(), ['79', '45', '53', '9']);
  });
  afterEach(() => t.close());

  it('describes components and subcomponents in its own words, and reads them back as those levels in any method', async () => {
    const out = await t.client.call('refi.exportProject', { path: t.file('synthesis.qdpx') });
    const qde = strFromU8(unzipSync(new Uint8Array(fs.readFileSync(out.path)))['project.qde']);
    expect(qde).toMatch(/name="Collaboration"[^>]*>\s*<Description>\[Component\]<\/Description>/);
    expect(qde).toMatch(/name="Working in teams"[^>]*>\s*<Description>\[Subcomponent\]<\/Description>/);

    // Into a content analysis, without the exchange record's help: the words still say the levels.
    for (const methodology of ['meta-synthesis', 'content-analysis'] as const) {
      await t.client.call('refi.importProject', { sourcePath: out.path, targetPath: t.file(`${methodology}.condensa`), methodology });
      const nodes = await t.client.call('codebook.list', {});
      expect(Object.fromEntries(nodes.map((n) => [n.name, n.level]))).toMatchObject({ Collaboration: 'category', 'Working in teams': 'subcategory', 'teamwork skills': 'code' });
      // The reference numbers travel in the exchange record; the unnumbered study stays unnumbered.
      expect((await t.client.call('documents.list', {})).map((d) => d.reference)).toEqual(['79', '45', '53', '9', null]);
    }
  });
});
