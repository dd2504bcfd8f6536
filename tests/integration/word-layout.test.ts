import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodebookNode } from '../../shared/api/entities';
import type { ReportKind, ReportOptions } from '../../shared/api/methods/reports';
import { makeSampleApp, type TestApp } from './support/app';
import { readDocx } from './support/docx-read';
import { differingShare, readGreyPng } from './support/png';

// Word that survives a journal's typesetter, read from the .docx XML rule by rule, then laid out by
// LibreOffice and compared page by page with reference images kept in tests/fixtures/word-reference.
// A changed page fails: look at test-results/word-layout/*.png, and if the change is wanted, run
// again with UPDATE_REFERENCES=1 to keep the new pages as the references.

const REFERENCES = path.resolve(__dirname, '../fixtures/word-reference');
const RESULTS = path.resolve(__dirname, '../../test-results/word-layout');
const UPDATE = process.env.UPDATE_REFERENCES === '1';

function onPath(command: string): string | null {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
}

interface Exported {
  readonly document: string;
  readonly styles: string;
  readonly bytes: Buffer;
}

async function exportDocx(t: TestApp, kind: ReportKind, options: ReportOptions, file: string): Promise<Exported> {
  await t.client.call('reports.export', { kind, format: 'docx', options: { namesChecked: true, ...options }, path: file });
  const bytes = fs.readFileSync(file);
  const parts = unzipSync(bytes);
  return { document: strFromU8(parts['word/document.xml']), styles: strFromU8(parts['word/styles.xml']), bytes };
}

/** The body rows of every table: each `<w:tr>` after the header row. */
function bodyRows(xml: string): string[] {
  return [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].flatMap((t) => (t[0].match(/<w:tr>[\s\S]*?<\/w:tr>/g) ?? []).slice(1));
}

/** Every paragraph's text in a row's cells, and whether each keeps with the next. */
function paragraphsOf(xml: string): { readonly text: string; readonly keepNext: boolean; readonly style: string }[] {
  return [...xml.matchAll(/<w:p>([\s\S]*?)<\/w:p>/g)].map((m) => ({
    text: [...m[1].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((x) => x[1]).join(''),
    keepNext: /<w:keepNext\/>/.test(m[1]),
    style: /<w:pStyle w:val="([^"]+)"/.exec(m[1])?.[1] ?? '',
  }));
}

describe('Word reports keep their layout through a typesetter', () => {
  let t: TestApp;
  let dir: string;
  let nodes: CodebookNode[];
  let themes: Exported;
  let codebook: Exported;
  let agreement: Exported;
  let french: Exported;
  let fromThree: Exported;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'condensa-word-layout-'));
    t = await makeSampleApp();
    nodes = await t.client.call('codebook.list', {});
    // A quote marked on a category itself: the theme table extended to codes must still show it, on the category's row.
    const harbour = nodes.find((n) => n.name === 'Finding a safe harbour')!;
    const units = (await t.client.call('codebook.retrieve', { nodeId: harbour.id })).units;
    await t.client.call('quotes.set', { nodeId: harbour.id, unitId: units[units.length - 1].unitId, quote: true });
    // A definition with straight quotation marks, as people type them.
    await t.client.call('codebook.update', { id: harbour.id, definition: `A mentor is the "safe harbour" a mentee can't find elsewhere.`, inclusion: 'Trust named as the reason to ask.' });
    themes = await exportDocx(t, 'themes', { levels: ['theme', 'category', 'code'], quotesPerNode: 1, orientation: 'portrait' }, path.join(dir, 'themes.docx'));
    codebook = await exportDocx(t, 'codebook', {}, path.join(dir, 'codebook.docx'));
    agreement = await exportDocx(t, 'agreement', {}, path.join(dir, 'agreement.docx'));
    french = await exportDocx(t, 'themes', { language: 'fr-FR' }, path.join(dir, 'french.docx'));
    fromThree = await exportDocx(t, 'agreement', { firstTable: 3 }, path.join(dir, 'from-three.docx'));
  }, 120_000);

  afterAll(() => {
    t?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every body row whole on its page and repeats the header row on every page', () => {
    for (const doc of [themes, codebook, agreement]) {
      const rows = bodyRows(doc.document);
      expect(rows.length).toBeGreaterThan(3);
      expect(rows.filter((r) => !r.includes('<w:cantSplit/>'))).toEqual([]);
      const headers = [...doc.document.matchAll(/<w:tbl>[\s\S]*?<w:tr>([\s\S]*?)<\/w:tr>/g)].map((m) => m[1]);
      expect(headers.every((h) => /<w:tblHeader\/>/.test(h) && /<w:cantSplit\/>/.test(h))).toBe(true);
    }
  });

  it('keeps the caption with the table and the table with its note: a short table whole, a long one by its first and last rows', () => {
    for (const doc of [themes, french]) {
      const xml = doc.document;
      const caption = paragraphsOf(xml.slice(0, xml.indexOf('<w:tbl>'))).at(-1)!;
      expect(caption.style).toBe('Caption');
      expect(caption.keepNext).toBe(true);
      const note = paragraphsOf(xml.slice(xml.indexOf('</w:tbl>')))[0];
      expect(note.style).toBe('TableNote');
      expect(note.text).toMatch(/^Note\. /);
    }
    const kept = (doc: Exported) => bodyRows(doc.document).map((r) => paragraphsOf(r).every((p) => p.keepNext));
    // Three pages of theme table: kept whole it would leave its caption alone on a page (LibreOffice moves it whole).
    const long = kept(themes);
    expect(long.length).toBeGreaterThan(15);
    expect(long).toEqual(long.map((_k, i) => i === 0 || i === long.length - 1));
    // Three rows: the whole table moves with its caption and note.
    const short = kept(french);
    expect(short).toEqual([true, true, true]);
  });

  it('repeats a theme’s name in every row of its group, in light grey after the first', () => {
    const [table] = readDocx(themes.bytes).tables;
    const theme = nodes.find((n) => n.level === 'theme')!;
    const body = table.rows.slice(1);
    expect(body.length).toBeGreaterThan(4);
    expect(body.every((r) => r.cells[0] === theme.name)).toBe(true);
    const themeCells = bodyRows(themes.document).map((r) => paragraphsOf(/<w:tc>([\s\S]*?)<\/w:tc>/.exec(r)![1])[0].style);
    expect(themeCells[0]).toBe('TableText');
    expect(new Set(themeCells.slice(1))).toEqual(new Set(['TableRepeat']));
    expect(themes.styles).toMatch(/<w:style w:type="paragraph" w:styleId="TableRepeat">[\s\S]*?<w:color w:val="8C8C8C"\/>/);
  });

  it('shows a quote marked on a category on the category’s own row when the table goes down to codes', () => {
    const [table] = readDocx(themes.bytes).tables;
    expect(table.caption).toBe('Table 1. Themes, categories, codes and exemplar quotes');
    const harbourId = nodes.find((x) => x.name === 'Finding a safe harbour')!.id;
    const own = table.rows.find((r) => r.cells[1] === 'Finding a safe harbour' && r.cells[2] === '')!;
    expect(own.cells[3]).toMatch(/^“.+” \(.+\)$/);
    // The codes beneath follow it, the category's name repeated beside each.
    const below = table.rows.slice(table.rows.indexOf(own) + 1).filter((r) => r.cells[1] === 'Finding a safe harbour');
    expect(below.length).toBeGreaterThan(0);
    expect(below.every((r) => r.cells[2] !== '' && r.cells[3] !== own.cells[3])).toBe(true);
    expect(harbourId).toBeTruthy();
  });

  it('numbers captions through one SEQ Table sequence, the cached numbers as Word counts them', () => {
    const fields = (xml: string) => [...xml.matchAll(/<w:fldSimple w:instr="([^"]+)"[^>]*>[\s\S]*?<w:t[^>]*>(\d+)<\/w:t>/g)].map((m) => [m[1].trim(), Number(m[2])] as const);
    const plain = fields(agreement.document);
    expect(plain.length).toBeGreaterThan(1);
    expect(plain).toEqual(plain.map((_f, i) => ['SEQ Table \\* ARABIC', i + 1]));
    // A paper that already has two tables: the first caption starts the sequence at 3, the rest follow it.
    const later = fields(fromThree.document);
    expect(later).toEqual(later.map((_f, i) => [i === 0 ? 'SEQ Table \\r 3 \\* ARABIC' : 'SEQ Table \\* ARABIC', i + 3]));
  });

  it('sets the document language in the styles, from the transcripts or the author’s choice', () => {
    expect(themes.styles).toMatch(/<w:docDefaults>[\s\S]*<w:lang w:val="en-GB"\/>[\s\S]*<\/w:docDefaults>/);
    expect(french.styles).toMatch(/<w:docDefaults>[\s\S]*<w:lang w:val="fr-FR"\/>[\s\S]*<\/w:docDefaults>/);
  });

  it('uses one style of quotation marks per language, straight marks typed by people included', () => {
    const texts = (xml: string) => [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('\n');
    const english = texts(themes.document) + texts(codebook.document);
    expect(english).not.toMatch(/&quot;|&apos;|"|'|«|»|„/);
    expect(english).toContain('the “safe harbour” a mentee can’t find');
    const quotes = readDocx(french.bytes).tables[0].rows.flatMap((r) => r.cells.slice(-1)).filter((c) => c.includes('('));
    expect(quotes.length).toBeGreaterThan(0);
    for (const q of quotes) expect(q.split('\n').every((line) => /^«\u00A0.+\u00A0» \(.+\)$/.test(line))).toBe(true);
    expect(texts(french.document)).not.toMatch(/[“”"]/);
  });

  it('gives categories and themes in the codebook the same columns as codes: definition, criteria, example, counts', () => {
    const [table] = readDocx(codebook.bytes).tables;
    expect(table.rows[0].cells).toEqual(['Code', 'Definition', 'Inclusion criteria', 'Exclusion criteria', 'Example', 'Units', 'Participants', 'Documents']);
    const harbour = table.rows.find((r) => r.cells[0] === 'Category\nFinding a safe harbour')!;
    expect(harbour.spans.every((s) => s === 1)).toBe(true);
    expect(harbour.cells.slice(1, 3)).toEqual(['A mentor is the “safe harbour” a mentee can’t find elsewhere.', 'Trust named as the reason to ask.']);
    expect(harbour.cells[4]).toMatch(/^“.+”/);
    for (const level of ['Theme', 'Category', 'Subcategory']) {
      const rows = table.rows.filter((r) => r.cells[0].startsWith(`${level}\n`));
      expect(rows.length, level).toBeGreaterThan(0);
      expect(rows.every((r) => r.cells.length === 8 && /^\d+$/.test(r.cells[5])), level).toBe(true);
    }
  });
});

const soffice = onPath('soffice') ?? onPath('libreoffice');
const pdftoppm = onPath('pdftoppm');
const inCi = process.env.CI === 'true';
if ((!soffice || !pdftoppm) && !inCi) {
  console.warn('\n*** WORD LAYOUT RENDERING SKIPPED: soffice or pdftoppm is not on PATH (apt-get install libreoffice-writer-nogui poppler-utils). ***\n');
}

describe.skipIf((!soffice || !pdftoppm) && !inCi)('LibreOffice lays the reports out as the reference pages show', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    if (!soffice || !pdftoppm) throw new Error('CI=true but soffice or pdftoppm is missing: .ci/run must install libreoffice-writer-nogui and poppler-utils.');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'condensa-word-pages-'));
    t = await makeSampleApp();
    const nodes = await t.client.call('codebook.list', {});
    const harbour = nodes.find((n) => n.name === 'Finding a safe harbour')!;
    const units = (await t.client.call('codebook.retrieve', { nodeId: harbour.id })).units;
    await t.client.call('quotes.set', { nodeId: harbour.id, unitId: units[units.length - 1].unitId, quote: true });
    // Two pages of theme table: the header row repeated, rows whole, names repeated in grey on the second page.
    await exportDocx(t, 'themes', { levels: ['theme', 'category', 'code'], quotesPerNode: 1 }, path.join(dir, 'themes.docx'));
    // One page of codebook: one category, complete like its codes, with two of its codes.
    const under = (id: string): CodebookNode[] => nodes.filter((x) => x.parentIds.includes(id)).flatMap((x) => [x, ...under(x.id)]);
    const codes = under(harbour.id).filter((x) => x.level === 'code').slice(0, 2);
    const keep = new Set([harbour.id, ...codes.flatMap((c) => [c.id, ...c.parentIds])]);
    for (let left = await t.client.call('codebook.list', {}); left.some((n) => !keep.has(n.id)); left = await t.client.call('codebook.list', {})) {
      await t.client.call('codebook.delete', { id: left.find((n) => !keep.has(n.id))!.id });
    }
    await exportDocx(t, 'codebook', { levels: ['category', 'code'] }, path.join(dir, 'codebook.docx'));
  }, 120_000);

  afterAll(() => {
    t?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('renders every page as its reference image (UPDATE_REFERENCES=1 keeps new ones after a look)', () => {
    const files = ['themes', 'codebook'].map((n) => path.join(dir, `${n}.docx`));
    const run = spawnSync(soffice!, [`-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...files], { encoding: 'utf8', timeout: 240_000 });
    expect(run.status, run.stderr).toBe(0);
    fs.mkdirSync(RESULTS, { recursive: true });
    if (UPDATE) fs.mkdirSync(REFERENCES, { recursive: true });
    const changed: string[] = [];
    for (const name of ['themes', 'codebook']) {
      const prefix = path.join(RESULTS, name);
      for (const old of fs.readdirSync(RESULTS).filter((f) => f.startsWith(`${name}-`))) fs.rmSync(path.join(RESULTS, old));
      fs.copyFileSync(path.join(dir, `${name}.pdf`), path.join(RESULTS, `${name}.pdf`));
      const raster = spawnSync(pdftoppm!, ['-r', '40', '-gray', '-png', path.join(dir, `${name}.pdf`), prefix], { encoding: 'utf8' });
      expect(raster.status, raster.stderr).toBe(0);
      const pages = fs.readdirSync(RESULTS).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png')).sort();
      const references = fs.existsSync(REFERENCES) ? fs.readdirSync(REFERENCES).filter((f) => f.startsWith(`${name}-`)).sort() : [];
      if (UPDATE) {
        for (const old of references) fs.rmSync(path.join(REFERENCES, old));
        for (const page of pages) fs.copyFileSync(path.join(RESULTS, page), path.join(REFERENCES, page));
        continue;
      }
      expect(pages, `${name}: pages rendered against pages kept`).toEqual(references);
      for (const page of pages) {
        const share = differingShare(readGreyPng(fs.readFileSync(path.join(RESULTS, page))), readGreyPng(fs.readFileSync(path.join(REFERENCES, page))));
        // Anti-aliasing may move a few pixels; a changed word or a row moved to another page changes far more.
        if (share > 0.001) changed.push(`${page}: ${(share * 100).toFixed(2)}% of pixels differ`);
      }
    }
    expect(changed, `Pages differ from tests/fixtures/word-reference: look at ${RESULTS}, then UPDATE_REFERENCES=1 if the change is wanted`).toEqual([]);
  }, 300_000);
});
